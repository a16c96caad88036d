/**
 * Whether the worker could write lately. The popup says so when it could not ("Threadnote cannot
 * save: your disk is full…"), since a reader may open it rather than look at the page's toast.
 * Kept in memory only: after a restart the next failed write (the page retries every few
 * seconds) tells it again, and the next successful one clears it.
 */
export class StorageHealth {
  private trouble: string | null = null;

  failed(message: string): void {
    this.trouble = message;
  }

  worked(): void {
    this.trouble = null;
  }

  /** The last storage failure's message, or null when the latest write went through. */
  current(): string | null {
    return this.trouble;
  }
}
