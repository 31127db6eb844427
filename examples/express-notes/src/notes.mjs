import { randomUUID } from 'node:crypto';

/** No room for another note: `ownersShare` when the caller holds the most one owner may, else the store is full. */
export class NotesFull extends Error {
  constructor(ownersShare) {
    super(ownersShare ? 'owner holds the most notes one owner may' : 'the store is full');
    this.ownersShare = ownersShare;
  }
}

/**
 * The notes, in memory: the example is about tokens and owners, not storage. Every read is scoped by the
 * caller, so another user's note is not found rather than refused (no BOLA, and nothing tells a stranger the id
 * exists). Bounded in all and per owner, so no caller can fill the process until it runs out of heap.
 */
export class Notes {
  #byId = new Map();
  #countOf = new Map();

  constructor({ max = 10_000, maxPerOwner = 200 } = {}) {
    this.max = max;
    this.maxPerOwner = maxPerOwner;
  }

  add(owner, text) {
    if ((this.#countOf.get(owner) ?? 0) >= this.maxPerOwner) {
      throw new NotesFull(true);
    }
    if (this.#byId.size >= this.max) {
      throw new NotesFull(false);
    }
    const note = { id: randomUUID(), text, createdAt: new Date().toISOString() };
    this.#byId.set(note.id, { owner, note });
    this.#countOf.set(owner, (this.#countOf.get(owner) ?? 0) + 1);
    return note;
  }

  of(owner) {
    return [...this.#byId.values()].filter((owned) => owned.owner === owner).map((owned) => owned.note);
  }

  all() {
    return [...this.#byId.values()].map(({ owner, note }) => ({ ...note, owner }));
  }

  /** The note `id` if `caller` owns it or is an admin; else undefined, as for an id never issued. */
  find(caller, id) {
    const owned = this.#byId.get(id);
    return owned && (caller.admin || owned.owner === caller.id) ? owned.note : undefined;
  }

  remove(caller, id) {
    const note = this.find(caller, id);
    if (note) {
      const { owner } = this.#byId.get(id);
      this.#byId.delete(id);
      this.#countOf.set(owner, this.#countOf.get(owner) - 1);
    }
    return Boolean(note);
  }
}
