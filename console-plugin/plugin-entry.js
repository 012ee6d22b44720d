// The plugin's entry script, loaded by the console with a <script> tag. It registers a module
// container ({init, get}) with whichever callback this console has: `__load_plugin_entry__`
// (4.22 and later) or `loadPluginEntry` (before 4.22). The one exposed module,
// "WindowsVmsPage", is a React component (built on the console's own React from the shared
// scope) that renders a <div> and mounts the WebAssembly app into it.
(function registerWindowsVmsPlugin() {
  'use strict';
  const NAME = 'windows-vms';
  const VERSION = '0.1.0';
  const script = document.currentScript;
  const base = new URL('.', script ? script.src : `${window.location.origin}/api/plugins/${NAME}/`).href;
  let sharedScope = {};

  /** The console's React, from the shared scope it passes to `init`. */
  async function sharedReact() {
    const versions = sharedScope.react || {};
    const newest = Object.keys(versions).sort().pop();
    if (!newest) throw new Error('the console shared no React');
    const factory = await versions[newest].get();
    const react = factory();
    return react.default && react.default.createElement ? react.default : react;
  }

  const container = {
    init(scope) {
      sharedScope = scope || {};
      return Promise.resolve();
    },
    async get(module) {
      const name = module.replace(/^\.\//, '');
      if (name !== 'WindowsVmsPage') throw new Error(`${NAME} exposes no module ${module}`);
      const [React, page] = await Promise.all([sharedReact(), import(`${base}windows-vms-page.js`)]);
      const WindowsVmsPage = page.createPage(React, base);
      return () => ({ __esModule: true, default: WindowsVmsPage, WindowsVmsPage });
    },
  };

  if (typeof window.__load_plugin_entry__ === 'function') {
    window.__load_plugin_entry__(NAME, container);
  } else if (typeof window.loadPluginEntry === 'function') {
    window.loadPluginEntry(`${NAME}@${VERSION}`, container);
  } else {
    console.error(`${NAME}: this page offers no plugin entry callback`);
  }
})();
