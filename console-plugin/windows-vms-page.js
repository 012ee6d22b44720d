// The exposed page: a React component that owns a <div>, loads the app's WebAssembly once, and
// mounts it with the console's proxy, our base path and the active namespace; unmounting the
// component unmounts the app. Our stylesheet (prefixed `wvm-` classes only) is added once.
import init, { mount } from './windows_vms.js';

const API_BASE = '/api/kubernetes';
const BASE_PATH = '/windows-vms';
let ready = null;

function loadOnce(base) {
  if (!ready) {
    if (!document.querySelector('link[data-windows-vms]')) {
      const link = document.createElement('link');
      link.rel = 'stylesheet';
      link.href = `${base}windows-vms.css`;
      link.dataset.windowsVms = '';
      document.head.appendChild(link);
    }
    ready = init({ module_or_path: `${base}windows_vms_bg.wasm` });
  }
  return ready;
}

/** The namespace in the address (`/windows-vms/ns/<ns>/…`), else the console's last one. */
function activeNamespace() {
  const match = window.location.pathname.match(/\/ns\/([^/]+)/);
  if (match) return decodeURIComponent(match[1]);
  try {
    return window.localStorage.getItem('bridge/last-namespace-name') || undefined;
  } catch {
    return undefined;
  }
}

export function createPage(React, base) {
  return function WindowsVmsPage() {
    const element = React.useRef(null);
    const [failure, setFailure] = React.useState(null);
    React.useEffect(() => {
      let handle = null;
      let cancelled = false;
      loadOnce(base).then(() => {
        if (cancelled || !element.current) return;
        handle = mount(element.current, { apiBase: API_BASE, basePath: BASE_PATH, namespace: activeNamespace() });
      }).catch((err) => setFailure(String(err)));
      return () => {
        cancelled = true;
        if (handle) {
          handle.unmount();
          handle.free();
        }
      };
    }, []);
    if (failure) {
      return React.createElement('div', { className: 'pf-v6-c-alert pf-m-danger wvm-plugin-failure', role: 'alert' },
        React.createElement('p', { className: 'pf-v6-c-alert__title' }, `Windows VMs could not start: ${failure}`));
    }
    return React.createElement('div', { ref: element, className: 'wvm-plugin-root', 'data-testid': 'windows-vms-root' });
  };
}
