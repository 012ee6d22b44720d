// Page object for the VM list: what a user reads and does there.
export class VmListPage {
  constructor(page, baseUrl) {
    this.page = page;
    this.baseUrl = baseUrl;
    this.table = page.getByRole('table', { name: 'Virtual machines' });
  }

  /** Opens the list (all namespaces by default) and waits for its rows. */
  async open(route = '/vms') {
    await this.page.goto(this.baseUrl + route);
    await this.table.getByRole('row').nth(1).waitFor();
  }

  rows() {
    return this.table.locator('tbody').getByRole('row');
  }

  async waitForRows(count) {
    await this.page.waitForFunction(
      (n) => document.querySelectorAll('table[aria-label="Virtual machines"] tbody tr[data-testid="vm-row"]').length === n,
      count,
    );
  }

  async names() {
    return this.rows().locator('td[data-label="Name"]').allInnerTexts();
  }

  async hasColumn(name) {
    return (await this.table.getByRole('columnheader', { name, exact: true }).count()) > 0;
  }

  /** The text of one cell, found by VM name and column label. */
  async cell(vmName, column) {
    const row = this.rows().filter({ has: this.page.getByRole('link', { name: vmName, exact: true }) });
    return (await row.locator(`td[data-label="${column}"]`).innerText()).trim();
  }

  /** Waits until the row of `namespace/name` shows `status` (the list is live). */
  async waitForStatus(namespace, name, status, timeout = 10_000) {
    await this.page.waitForFunction(
      ([key, want]) => [...document.querySelectorAll(`tr[data-vm="${key}"] td[data-label="Status"]`)]
        .some((td) => td.innerText.trim() === want),
      [`${namespace}/${name}`, status],
      { timeout },
    );
  }

  async chooseNamespace(label) {
    await this.page.getByRole('combobox', { name: 'Namespace' }).selectOption({ label });
  }

  async namespaceSelection() {
    return this.page.getByRole('combobox', { name: 'Namespace' }).inputValue();
  }
}
