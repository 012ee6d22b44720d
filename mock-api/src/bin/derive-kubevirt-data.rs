//! Regenerates the mock's KubeVirt data files (`mock-api/data/`) from KubeVirt's published
//! `swagger.json` and a common-instancetypes release rendered to YAML.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use mock_api::kubevirt_data::{self, DataError, Sources};
use serde_json::Value;

const USAGE: &str = "usage: derive-kubevirt-data SWAGGER_JSON INSTANCETYPES_DIR KUBEVIRT_VERSION \
INSTANCETYPES_VERSION [OUT_DIR]
  SWAGGER_JSON       KubeVirt's api/openapi-spec/swagger.json
  INSTANCETYPES_DIR  holds cluster-instancetypes.yaml and cluster-preferences.yaml
                     (common-instancetypes rendered with kubectl kustomize)
  KUBEVIRT_VERSION, INSTANCETYPES_VERSION
                     the release or commit each came from, written into the files
  OUT_DIR            where to write (default mock-api/data)";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if !(4..=5).contains(&args.len()) {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    }
    let out = args
        .get(4)
        .map_or_else(|| PathBuf::from("mock-api/data"), PathBuf::from);
    let sources = Sources {
        kubevirt_version: args[2].clone(),
        common_instancetypes_version: args[3].clone(),
    };
    match derive(Path::new(&args[0]), Path::new(&args[1]), &sources, &out) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("{err}");
            ExitCode::FAILURE
        }
    }
}

fn derive(
    swagger: &Path,
    instancetypes: &Path,
    sources: &Sources,
    out: &Path,
) -> Result<(), DataError> {
    let read_error = |path: &Path, problem: String| DataError::Read {
        path: path.display().to_string(),
        problem,
    };
    let text =
        std::fs::read_to_string(swagger).map_err(|err| read_error(swagger, err.to_string()))?;
    let swagger_json: Value =
        serde_json::from_str(&text).map_err(|err| read_error(swagger, err.to_string()))?;
    let schema = kubevirt_data::derive_schema(&swagger_json, sources)?;
    let mut manifests =
        kubevirt_data::read_manifests(&instancetypes.join("cluster-instancetypes.yaml"))?;
    manifests.extend(kubevirt_data::read_manifests(
        &instancetypes.join("cluster-preferences.yaml"),
    )?);
    let objects = kubevirt_data::derive_cluster_objects(&manifests, sources);
    for (file, text) in [
        ("kubevirt-schema.json", schema),
        ("common-instancetypes.json", objects),
    ] {
        let path = out.join(file);
        std::fs::write(&path, text).map_err(|err| read_error(&path, err.to_string()))?;
        println!("wrote {}", path.display());
    }
    Ok(())
}
