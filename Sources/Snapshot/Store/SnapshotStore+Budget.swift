import Foundation

extension SnapshotStore {
    /// Removes the least recently used snapshots other than `spared` until
    /// the store holds at most `budget` bytes, telling `warn` what went.
    /// Failing to prune costs only disk space, so it warns and goes on.
    /// Reads the index only (no walk of the directory, as `list` does), so a
    /// save costs one query however many snapshots the store holds.
    func keepWithinBudget(sparing spared: SnapshotRecord) {
        guard let budget else { return }
        do {
            var others = try index.all().filter { $0.id != spared.id }  // most recently used first
            var total = others.reduce(spared.bytes) { $0 + $1.bytes }
            var removed = 0, freed = 0
            while total > budget, let last = others.popLast() {
                try remove(id: last.id)
                total -= last.bytes
                removed += 1
                freed += last.bytes
            }
            if removed > 0 {
                warn("removed \(removed) least recently used snapshot\(removed == 1 ? "" : "s") (\(freed / 1_048_576) MiB) "
                    + "to keep the store within its budget of \(budget / 1_048_576) MiB")
            }
        } catch {
            warn("cannot keep the snapshot store \(directory.path) within its budget: \(error)")
        }
    }
}
