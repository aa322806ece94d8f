import Foundation

/// Maps `items` through `body` on up to `jobs` threads and returns the results in input order, so
/// that what a run writes never depends on which thread finished first.
public func parallelMap<Item: Sendable, Result: Sendable>(
    _ items: [Item], jobs: Int, _ body: @Sendable (Item) -> Result
) -> [Result] {
    let count = items.count
    if count == 0 { return [] }
    let workers = max(1, min(jobs, count))
    if workers == 1 { return items.map(body) }
    let results = ResultSlots<Result>(count: count)
    let next = Counter()
    DispatchQueue.concurrentPerform(iterations: workers) { _ in
        while true {
            let index = next.increment()
            if index >= count { break }
            results.set(index, body(items[index]))
        }
    }
    return results.values()
}

/// The number of worker threads to use by default: one per core.
public var defaultJobs: Int { ProcessInfo.processInfo.activeProcessorCount }

final class Counter: @unchecked Sendable {
    private var value = 0
    private let lock = NSLock()
    func increment() -> Int { lock.withLock { defer { value += 1 }; return value } }
}

final class ResultSlots<T>: @unchecked Sendable {
    private var slots: [T?]
    private let lock = NSLock()
    init(count: Int) { slots = Array(repeating: nil, count: count) }
    func set(_ index: Int, _ value: T) { lock.withLock { slots[index] = value } }
    func values() -> [T] { slots.map { $0! } }
}
