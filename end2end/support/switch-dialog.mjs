// Opens the Switch interface dialog as a user would: from the VirtIO hint's popover in the
// list of the VM's namespace, or from the VM's Actions menu there.
import { VmListPage } from './vm-list-page.mjs';

export async function openSwitchDialog(suite, namespace, vm, { fromMenu = false } = {}) {
  const { page } = suite.session;
  const list = new VmListPage(page, suite.mock.url);
  await list.open(`/ns/${namespace}/vms`);
  if (fromMenu) {
    await page.getByRole('button', { name: `Actions for ${vm}` }).click();
    await page.getByRole('menu').getByRole('menuitem', { name: 'Switch interface' }).click();
  } else {
    await page.getByRole('button', { name: `${vm}: switch to VirtIO for better performance` }).click();
    await page.getByRole('button', { name: 'Switch interface' }).click();
  }
  const dialog = page.getByRole('dialog', { name: 'Switch interface' });
  await dialog.getByRole('table', { name: 'Disks' }).waitFor();
  return { page, list, dialog };
}
