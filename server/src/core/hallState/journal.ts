// Undo records for the in-memory hall state. Each change runs in its own savepoint of a group
// commit; when SQLite rolls a savepoint (or the whole transaction) back, the memory the change
// touched must go back too, so every mutation records how to undo itself here.
export class Journal {
  private readonly undos: (() => void)[] = [];

  record(undo: () => void): void {
    this.undos.push(undo);
  }

  /** Undoes everything recorded, newest first, and forgets it. */
  undo(): void {
    for (let i = this.undos.length - 1; i >= 0; i -= 1) this.undos[i]!();
    this.undos.length = 0;
  }
}
