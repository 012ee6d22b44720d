// Builds the app's one stylesheet, target/style/windows-vms.css: the PatternFly parts the app
// uses, then our own styles, minified. Trunk runs it before each build (Trunk.toml), so
// index.html links one file instead of thirty.
//
// A PatternFly rule is kept when one of its selectors names only classes that appear in src/;
// then custom properties no kept rule reads, and keyframes no kept rule runs, are dropped.
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { transform } from 'esbuild';
import postcss from 'postcss';
import selectorParser from 'postcss-selector-parser';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const patternfly = path.join(root, 'node_modules/@patternfly/patternfly');

// In cascade order: the base (tokens, fonts, reset) first, then the components and layouts.
const patternflyFiles = [
  'patternfly-base.css',
  ...[
    'Page/page', 'Masthead/masthead', 'Nav/nav', 'SkipToContent/skip-to-content', 'Button/button',
    'Title/title', 'Table/table', 'Table/table-grid', 'FormControl/form-control', 'Form/form',
    'HelperText/helper-text', 'Check/check', 'Radio/radio', 'Alert/alert', 'EmptyState/empty-state',
    'Skeleton/skeleton', 'Breadcrumb/breadcrumb', 'DescriptionList/description-list',
    'Popover/popover', 'Label/label', 'Tabs/tabs', 'Menu/menu', 'MenuToggle/menu-toggle',
    'Backdrop/backdrop', 'ModalBox/modal-box', 'Wizard/wizard', 'ToggleGroup/toggle-group',
  ].map((name) => `components/${name}.css`),
  'layouts/Bullseye/bullseye.css',
];
// Ours is kept whole: every rule in it is there because a page uses it.
const ownFiles = ['style/app.css', 'style/console.css'];
const output = path.join(root, 'target/style/windows-vms.css');

function rustSources(dir) {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) return rustSources(full);
    return entry.endsWith('.rs') ? [full] : [];
  });
}

// Class names are written whole in the Rust source (`"pf-v6-c-button pf-m-primary"`), never
// assembled from pieces, so any word of the source may be a class.
const usedWords = new Set(
  rustSources(path.join(root, 'src'))
    .flatMap((file) => readFileSync(file, 'utf8').match(/[A-Za-z0-9_-]+/g) ?? []),
);

// A class must be used when the selector cannot match without it: anywhere but inside `:not(…)`
// (which matches without it) or a list like `:where(.a, .b)` (which needs only one of them).
function isRequired(node) {
  for (let parent = node.parent; parent; parent = parent.parent) {
    if (parent.type !== 'pseudo') continue;
    const single = parent.nodes.length === 1 && [':where', ':is'].includes(parent.value);
    if (!single) return false;
  }
  return true;
}

function selectorIsUsed(selector) {
  let used = true;
  selector.walkClasses((node) => {
    if (isRequired(node) && !usedWords.has(node.value)) used = false;
  });
  return used;
}

function pruneRules(sheet) {
  sheet.walkRules((rule) => {
    if (rule.parent?.type === 'atrule' && /keyframes$/.test(rule.parent.name)) return;
    const kept = [];
    selectorParser((selectors) => {
      selectors.each((selector) => {
        if (selectorIsUsed(selector)) kept.push(selector.toString().trim());
      });
    }).processSync(rule.selector);
    if (kept.length === 0) rule.remove();
    else rule.selector = kept.join(', ');
  });
}

// A custom property stays while anything kept reads it, directly or through another one, in
// PatternFly or in our own styles (`readers`).
function pruneCustomProperties(sheet, readers) {
  for (;;) {
    const read = new Set();
    for (const reader of [sheet, ...readers]) {
      reader.walkDecls((decl) => {
        for (const match of decl.value.matchAll(/var\(\s*(--[A-Za-z0-9_-]+)/g)) read.add(match[1]);
      });
    }
    let removed = 0;
    sheet.walkDecls(/^--/, (decl) => {
      if (!read.has(decl.prop)) {
        decl.remove();
        removed += 1;
      }
    });
    if (removed === 0) return;
  }
}

function pruneKeyframes(sheet) {
  const running = new Set();
  sheet.walkDecls(/^(animation|animation-name|--.*)$/, (decl) => {
    for (const word of decl.value.match(/[A-Za-z0-9_-]+/g) ?? []) running.add(word);
  });
  sheet.walkAtRules(/keyframes$/, (rule) => {
    if (!running.has(rule.params.trim())) rule.remove();
  });
}

function dropEmpty(sheet) {
  sheet.walk((node) => {
    if ((node.type === 'rule' || node.type === 'atrule') && node.nodes?.length === 0) node.remove();
  });
}

const sheet = postcss.parse(
  patternflyFiles.map((file) => readFileSync(path.join(patternfly, file), 'utf8')).join('\n'),
);
const ours = postcss.parse(ownFiles.map((file) => readFileSync(path.join(root, file), 'utf8')).join('\n'));
pruneRules(sheet);
dropEmpty(sheet);
pruneCustomProperties(sheet, [ours]);
pruneKeyframes(sheet);
dropEmpty(sheet);

const css = [sheet.toString(), ours.toString()].join('\n');
const { code } = await transform(css, { loader: 'css', minify: true, legalComments: 'none' });
mkdirSync(path.dirname(output), { recursive: true });
writeFileSync(output, code);
console.log(`windows-vms.css: ${code.length} bytes`);
