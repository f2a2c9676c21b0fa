/**
 * The only script a lab page loads for the panel: the "Do this lab here" button. The editor,
 * the lab's files and everything else come by dynamic import when it is pressed, so a lesson
 * page that is only read stays light.
 */

class LabHereButton extends HTMLElement {
  connectedCallback() {
    const open = this.querySelector<HTMLButtonElement>('.lab-here-open');
    open?.addEventListener('click', () => void this.open(open));
  }

  private async open(open: HTMLButtonElement): Promise<void> {
    const status = this.querySelector<HTMLElement>('.lab-here-body');
    if (!status || open.disabled) return;
    open.disabled = true;
    status.textContent = this.dataset.loading ?? '';
    try {
      const { openPanel } = await import('./panel.ts');
      await openPanel(this);
      open.hidden = true;
      this.querySelector<HTMLElement>('.lab-here-note')?.setAttribute('hidden', '');
    } catch (error) {
      // A failed chunk (offline, a new deployment) leaves the button to try again, with why.
      status.textContent = (this.dataset.loadFailed ?? '{reason}').replace('{reason}', (error as Error).message || String(error));
      open.disabled = false;
    }
  }
}

customElements.define('lab-here', LabHereButton);
