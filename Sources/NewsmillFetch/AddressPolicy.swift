import Foundation
import NewsmillCore
#if canImport(Glibc)
import Glibc
#endif

/// Which hosts a URL list may reach. By default only public addresses: a URL (or a redirect) to
/// loopback, private, link-local, carrier-grade NAT, multicast or unspecified addresses is refused,
/// so that a URL list cannot make newsmill probe the machine or network it runs in. `allowPrivate`
/// lifts this (the tests use it for their loopback server).
public struct AddressPolicy: Sendable {
    public var allowPrivate: Bool
    /// Host names (as written in URLs, lower-case) let through even when they resolve to a private
    /// address: one internal server, without opening the whole local network.
    public var allowedHosts: Set<String>

    public init(allowPrivate: Bool, allowedHosts: Set<String> = []) {
        self.allowPrivate = allowPrivate
        self.allowedHosts = Set(allowedHosts.map { $0.lowercased() })
    }

    /// Nil when `url` may be fetched, else why not.
    public func refusal(for url: URL) -> String? {
        guard let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https" else {
            return "only http and https URLs are fetched, not \(url.scheme ?? "a URL without a scheme")"
        }
        guard let host = url.host, !host.isEmpty else { return "the URL has no host" }
        if allowPrivate || allowedHosts.contains(host.lowercased()) { return nil }
        let addresses = AddressPolicy.resolve(host)
        if addresses.isEmpty { return nil }  // resolution failure is reported by the fetch itself
        for address in addresses where AddressPolicy.isPrivate(address) {
            return "\(host) resolves to \(address), a private or local address (pass --allow-host \(host) or --allow-private-addresses to fetch it)"
        }
        return nil
    }

    static func resolve(_ host: String) -> [String] {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var result: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, nil, &hints, &result) == 0, let first = result else { return [] }
        defer { freeaddrinfo(first) }
        var addresses: [String] = []
        var current: UnsafeMutablePointer<addrinfo>? = first
        while let info = current {
            var buffer = [CChar](repeating: 0, count: Int(NI_MAXHOST))
            if getnameinfo(info.pointee.ai_addr, info.pointee.ai_addrlen, &buffer, socklen_t(buffer.count), nil, 0, NI_NUMERICHOST) == 0 {
                addresses.append(String(cString: buffer))
            }
            current = info.pointee.ai_next
        }
        return addresses
    }

    /// True for addresses that are not on the public internet.
    public static func isPrivate(_ address: String) -> Bool {
        if address.contains(":") {
            let lower = address.lowercased()
            if lower == "::1" || lower == "::" { return true }
            if lower.hasPrefix("fe8") || lower.hasPrefix("fe9") || lower.hasPrefix("fea") || lower.hasPrefix("feb") { return true } // fe80::/10
            if lower.hasPrefix("fc") || lower.hasPrefix("fd") { return true }   // fc00::/7
            if lower.hasPrefix("ff") { return true }                             // multicast
            if lower.hasPrefix("::ffff:") { return isPrivate(String(lower.dropFirst(7))) }
            return false
        }
        let parts = address.split(separator: ".").compactMap { Int($0) }
        guard parts.count == 4 else { return true }
        switch (parts[0], parts[1]) {
        case (0, _), (10, _), (127, _): return true
        case (169, 254): return true
        case (172, 16...31): return true
        case (192, 168): return true
        case (100, 64...127): return true
        case (224...255, _): return true
        default: return false
        }
    }
}

/// robots.txt (RFC 9309): the group for our user-agent token (else "*"), and the longest matching
/// Allow or Disallow rule, with "*" and "$" patterns.
public struct RobotsRules: Sendable {
    public var rules: [(allow: Bool, pattern: String)]
    /// Set when robots.txt could not be read for a reason that means "do not crawl" (5xx, unreachable).
    public var disallowAllReason: String?

    public static let allowAll = RobotsRules(rules: [], disallowAllReason: nil)

    public static func parse(_ text: String, agent: String) -> RobotsRules {
        var groups: [(agents: [String], rules: [(Bool, String)])] = []
        var currentAgents: [String] = []
        var currentRules: [(Bool, String)] = []
        var lastWasAgent = false
        for raw in text.split(whereSeparator: { $0 == "\n" || $0 == "\r" }) {
            let line = raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init)?.trimmingCharacters(in: .whitespaces) ?? ""
            guard let colon = line.firstIndex(of: ":") else { continue }
            let key = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            switch key {
            case "user-agent":
                if !lastWasAgent && (!currentAgents.isEmpty || !currentRules.isEmpty) {
                    groups.append((currentAgents, currentRules))
                    currentAgents = []
                    currentRules = []
                }
                currentAgents.append(value.lowercased())
                lastWasAgent = true
            case "allow", "disallow":
                lastWasAgent = false
                if value.isEmpty { continue }
                currentRules.append((key == "allow", value))
            default:
                lastWasAgent = false
            }
        }
        if !currentAgents.isEmpty || !currentRules.isEmpty { groups.append((currentAgents, currentRules)) }
        let token = agent.lowercased()
        let specific = groups.filter { $0.agents.contains(where: { $0 != "*" && token.hasPrefix($0) }) }
        let chosen = specific.isEmpty ? groups.filter { $0.agents.contains("*") } : specific
        return RobotsRules(rules: chosen.flatMap { $0.rules }.map { (allow: $0.0, pattern: $0.1) }, disallowAllReason: nil)
    }

    /// Whether `path` (with its query) may be fetched.
    public func allows(_ path: String) -> Bool {
        if disallowAllReason != nil { return false }
        var best: (length: Int, allow: Bool)? = nil
        for rule in rules where RobotsRules.matches(rule.pattern, path) {
            let length = rule.pattern.count
            if best == nil || length > best!.length || (length == best!.length && rule.allow) { best = (length, rule.allow) }
        }
        return best?.allow ?? true
    }

    static func matches(_ pattern: String, _ path: String) -> Bool {
        let anchored = pattern.hasSuffix("$")
        let body = anchored ? String(pattern.dropLast()) : pattern
        let pieces = body.components(separatedBy: "*")
        var index = path.startIndex
        for (n, piece) in pieces.enumerated() {
            if n == 0 {
                guard path.hasPrefix(piece) else { return false }
                index = path.index(index, offsetBy: piece.count)
            } else if !piece.isEmpty {
                guard let range = path.range(of: piece, range: index..<path.endIndex) else { return false }
                index = range.upperBound
            }
        }
        if anchored {
            if pieces.last?.isEmpty == true && pieces.count > 1 { return true }
            return index == path.endIndex || path[index...].isEmpty
        }
        return true
    }
}
