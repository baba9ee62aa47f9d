import Dispatch
import Foundation
import Logging

/// Log lines written in batches, as production servers write their access logs (nginx's
/// `access_log … buffer= flush=`): a request's line costs a copy into memory, not a write to
/// the terminal or pipe per request. A line at warning or above goes out at once, with what
/// was gathered before it; the rest within a quarter of a second, or as soon as 64 KB gather.
public final class LogBuffer: @unchecked Sendable {
    /// The process's standard output, flushed by a timer; `flush()` before exit.
    public static let standardOutput = LogBuffer(descriptor: STDOUT_FILENO)

    static let interval = DispatchTimeInterval.milliseconds(250)
    static let limit = 64 * 1024

    private let descriptor: Int32
    private let lock = NSLock()
    /// Serialises the writes themselves, so that batches never interleave.
    private let writing = NSLock()
    private var pending: [UInt8] = []
    private let timer: DispatchSourceTimer

    init(descriptor: Int32) {
        self.descriptor = descriptor
        pending.reserveCapacity(Self.limit)
        timer = DispatchSource.makeTimerSource(queue: DispatchQueue(label: "thidua.log"))
        timer.schedule(deadline: .now() + Self.interval, repeating: Self.interval)
        timer.setEventHandler { [weak self] in self?.flush() }
        timer.resume()
    }

    func append(_ line: String, urgent: Bool) {
        let full = lock.withLock {
            pending.append(contentsOf: line.utf8)
            return pending.count >= Self.limit
        }
        if urgent || full { flush() }
    }

    /// Writes what has gathered.
    public func flush() {
        writing.withLock {
            let batch = lock.withLock { () -> [UInt8] in
                defer { pending.removeAll(keepingCapacity: true) }
                return pending
            }
            var offset = 0
            while offset < batch.count {
                let written = batch.withUnsafeBytes { bytes in
                    write(descriptor, bytes.baseAddress! + offset, batch.count - offset)
                }
                if written > 0 { offset += written } else if errno != EINTR { return }
            }
        }
    }
}

/// A `LogHandler` in the console's format (`[ INFO ] message [key: value]`) that writes
/// through a `LogBuffer`.
public struct BufferedLogHandler: LogHandler {
    public var logLevel: Logger.Level
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    let buffer: LogBuffer

    public init(level: Logger.Level, buffer: LogBuffer = .standardOutput) {
        self.logLevel = level
        self.buffer = buffer
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var line = "[ \(event.level.rawValue.uppercased()) ] \(event.message)"
        var all = metadata
        if let provided = metadataProvider?.get() { all.merge(provided) { $1 } }
        if let extra = event.metadata { all.merge(extra) { $1 } }
        if !all.isEmpty {
            line += " [" + all.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", ") + "]"
        }
        buffer.append(line + "\n", urgent: event.level >= .warning)
    }
}
