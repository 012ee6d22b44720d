// The console's shell, cut down to what loads and shows a dynamic plugin, with the loader the
// OpenShift console runs: the `PluginStore` of @openshift/dynamic-plugin-sdk. Set up as the
// console sets it up: React offered in a webpack share scope, `@console/pluginAPI` resolved to
// the console's version (`?console=4.18.0` plays an older console, default 4.22.0), the SDK's
// `__load_plugin_entry__` callback plus the `loadPluginEntry` one consoles before 4.22 had,
// only the plugins the cluster enabled allowed, each loaded from
// /api/plugins/<name>/plugin-manifest.json and enabled once loaded. The navigation shows the
// `console.navigation/href` extensions; the main area renders the component of the
// `console.page/route` extension that matches the address, its code reference resolved by the SDK.
//
// For tests, `window.__console` holds `status` ('loading', 'rendered', 'no route' or
// 'failed: …'), `sdkVersion`, `plugins` (what the store says of each) and `violations` (Content
// Security Policy violations on this page).
import React from 'react';
import { createRoot } from 'react-dom/client';
import {
  PluginStore, PluginStoreProvider, useExtensions, useResolvedExtensions,
} from '@openshift/dynamic-plugin-sdk';

const ENABLED_PLUGINS = ['windows-vms'];
const h = React.createElement;
const consoleVersion = new URLSearchParams(window.location.search).get('console') ?? '4.22.0';
const harness = { status: 'loading', sdkVersion: undefined, plugins: [], violations: [] };
window.__console = harness;
document.addEventListener('securitypolicyviolation', (event) => {
  harness.violations.push(`${event.effectiveDirective} ${event.blockedURI}`);
});

// Webpack's share scope: each shared module by version, behind an asynchronous factory.
const sharedScope = {
  react: { [React.version]: { get: () => Promise.resolve(() => React), loaded: 1, eager: true, from: 'console' } },
};

const store = new PluginStore({
  loaderOptions: {
    sharedScope,
    canLoadPlugin: (manifest) => ENABLED_PLUGINS.includes(manifest.name),
    customDependencyResolutions: { '@console/pluginAPI': consoleVersion },
  },
});
harness.sdkVersion = store.sdkVersion;
// Entry scripts built for consoles before 4.22 call this one, with "name@version".
window.loadPluginEntry = (id, entryModule) => window.__load_plugin_entry__(id.split('@')[0], entryModule);

const isNavItem = (e) => e.type === 'console.navigation/href';
const isRoute = (e) => e.type === 'console.page/route';

/** Whether a route path ("/windows-vms/ns/:ns/vms") matches the address exactly. */
function matches(pattern, pathname) {
  const want = pattern.split('/');
  const have = pathname.split('/');
  return want.length === have.length && want.every((part, i) => part.startsWith(':') || part === have[i]);
}

function Navigation() {
  const items = useExtensions(isNavItem);
  return h('nav', { className: 'pf-v6-c-nav', 'aria-label': 'Console' },
    h('ul', { className: 'pf-v6-c-nav__list', role: 'list' },
      h('li', { className: 'pf-v6-c-nav__item' }, h('a', { className: 'pf-v6-c-nav__link', href: '/k8s/cluster/projects' }, 'Home')),
      items.map((item) => h('li', { key: item.uid, className: 'pf-v6-c-nav__item' },
        h('a', { className: 'pf-v6-c-nav__link', href: item.properties.href }, item.properties.name)))));
}

function RoutePage() {
  const routes = useExtensions(isRoute);
  const [resolved, done, errors] = useResolvedExtensions(routes);
  const route = resolved.find((e) => [].concat(e.properties.path).some((p) => matches(p, window.location.pathname)));
  // Until the new resolution is done, the hook still gives the previous one.
  const current = done && routes.length > 0
    && (errors.length > 0 || routes.every((r) => resolved.some((e) => e.uid === r.uid)));
  React.useEffect(() => {
    if (!current) return;
    if (errors.length > 0) harness.status = `failed: ${errors.join('; ')}`;
    else harness.status = route ? 'rendered' : 'no route';
  }, [current, errors, route]);
  const Component = route?.properties.component;
  return Component ? h(Component) : null;
}

function Shell() {
  return h('div', { className: 'pf-v6-c-page' },
    h('header', { className: 'pf-v6-c-masthead' },
      h('div', { className: 'pf-v6-c-masthead__main' },
        h('div', { className: 'pf-v6-c-masthead__brand' }, h('span', { className: 'pf-v6-c-title pf-m-lg' }, 'Red Hat OpenShift')))),
    h('div', { className: 'pf-v6-c-page__sidebar pf-m-expanded' },
      h('div', { className: 'pf-v6-c-page__sidebar-body' }, h(Navigation))),
    h('div', { className: 'pf-v6-c-page__main-container' },
      h('main', { className: 'pf-v6-c-page__main', id: 'content' }, h(RoutePage))));
}

async function start() {
  const root = createRoot(document.getElementById('root'));
  root.render(h(PluginStoreProvider, { store }, h(Shell)));
  harness.unmount = () => root.unmount();
  const failures = [];
  for (const name of ENABLED_PLUGINS) {
    const manifestUrl = new URL(`/api/plugins/${name}/plugin-manifest.json`, window.location.origin).href;
    await store.loadPlugin(manifestUrl).catch((err) => {
      failures.push(`${name}: ${err.message}: ${err.cause?.message ?? err.cause}`);
      console.error(`${name} could not be loaded`, err, err.cause);
    });
  }
  harness.plugins = store.getPluginInfo().map((p) => ({
    name: p.manifest.name, status: p.status, enabled: p.enabled, errorMessage: p.errorMessage,
  }));
  failures.push(...harness.plugins.filter((p) => p.status !== 'loaded').map((p) => `${p.name}: ${p.errorMessage}`));
  if (failures.length > 0) harness.status = `failed: ${failures.join('; ')}`;
}

start();
