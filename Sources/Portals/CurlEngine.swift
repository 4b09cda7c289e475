import CCurl
import Foundation

/// One libcurl multi handle driven by its own thread: many transfers at once over shared connections.
///
/// Tasks hand transfers over through a locked queue and `curl_multi_wakeup`; only the engine thread touches
/// the multi and easy handles (libcurl handles are not thread-safe). ``shutdown()`` stops the thread and
/// finishes every pending transfer as cancelled.
final class CurlEngine: @unchecked Sendable {
    private let multi: UnsafeMutableRawPointer
    private let lock = NSLock()
    private var pending: [CurlTransfer] = []
    private var stopping = false
    private var stopped = false
    private let finishedThread = DispatchSemaphore(value: 0)
    /// Transfers libcurl is driving, by easy-handle address. Engine thread only.
    private var active: [Int: CurlTransfer] = [:]

    private static let globalInit: Bool = {
        curl_global_init(Int(CURL_GLOBAL_DEFAULT)) == CURLE_OK
    }()

    init() {
        _ = CurlEngine.globalInit
        guard let multi = curl_multi_init() else { fatalError("curl_multi_init failed: out of memory") }
        self.multi = multi
        let thread = Thread { [self] in self.run() }
        thread.name = "rencai.curl"
        thread.start()
    }

    /// Runs one transfer to completion; cancelling the task aborts the transfer.
    func perform(_ spec: TransferSpec) async -> TransferOutput {
        let box = TransferBox()
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<TransferOutput, Never>) in
                let transfer = CurlTransfer(spec: spec, continuation: continuation)
                box.set(transfer)
                let accepted = lock.withLock { () -> Bool in
                    guard !stopping else { return false }
                    pending.append(transfer)
                    return true
                }
                if accepted {
                    if Task.isCancelled { transfer.cancel() }
                    curl_multi_wakeup(multi)
                } else {
                    transfer.finish(CurlTransfer.failure(code: Int(CURLE_ABORTED_BY_CALLBACK.rawValue),
                                                         message: "the client was shut down", cancelled: true))
                }
            }
        } onCancel: {
            box.cancel()
        }
    }

    /// Stops the thread; transfers still running end as cancelled. Safe to call more than once.
    func shutdown() {
        let first = lock.withLock { () -> Bool in
            defer { stopping = true }
            return !stopping
        }
        guard first else { return }
        curl_multi_wakeup(multi)
        finishedThread.wait()
    }

    private func run() {
        while true {
            let (batch, stop) = lock.withLock { () -> ([CurlTransfer], Bool) in
                defer { pending = [] }
                return (pending, stopping)
            }
            if stop {
                for transfer in batch + Array(active.values) {
                    if let easy = transfer.easy { curl_multi_remove_handle(multi, easy) }
                    transfer.cleanup()
                    transfer.finish(CurlTransfer.failure(code: Int(CURLE_ABORTED_BY_CALLBACK.rawValue),
                                                         message: "the client was shut down", cancelled: true))
                }
                active = [:]
                curl_multi_cleanup(multi)
                finishedThread.signal()
                return
            }
            for transfer in batch {
                guard let easy = transfer.makeEasyHandle() else { continue }
                active[Int(bitPattern: easy)] = transfer
                curl_multi_add_handle(multi, easy)
            }
            var running: Int32 = 0
            curl_multi_perform(multi, &running)
            var queued: Int32 = 0
            while let message = curl_multi_info_read(multi, &queued) {
                guard message.pointee.msg == CURLMSG_DONE, let easy = message.pointee.easy_handle else { continue }
                let code = message.pointee.data.result
                curl_multi_remove_handle(multi, easy)
                if let transfer = active.removeValue(forKey: Int(bitPattern: easy)) {
                    let output = transfer.output(code: code)
                    transfer.cleanup()
                    transfer.finish(output)
                } else {
                    curl_easy_cleanup(easy)
                }
            }
            var ready: Int32 = 0
            curl_multi_poll(multi, nil, 0, 1000, &ready)
        }
    }
}

/// Lets the cancellation handler reach the transfer created inside the continuation.
private final class TransferBox: @unchecked Sendable {
    private let lock = NSLock()
    private var transfer: CurlTransfer?
    private var cancelled = false

    func set(_ transfer: CurlTransfer) {
        let cancel = lock.withLock { () -> Bool in
            self.transfer = transfer
            return cancelled
        }
        if cancel { transfer.cancel() }
    }

    func cancel() {
        let transfer = lock.withLock { () -> CurlTransfer? in
            cancelled = true
            return self.transfer
        }
        transfer?.cancel()
    }
}
