import Foundation
import NewsmillCore

/// What a page says about itself, with the source of each field.
public struct PageMetadata: Sendable, Equatable {
    public var title: String?
    public var authors: [String] = []
    public var published: String?
    public var modified: String?
    public var site: String?
    public var url: String?
    public var description: String?
    public var section: String?
    public var tags: [String] = []
    public var image: String?
    public var declaredLanguage: String?
    public var articleBody: String?
    public var sources: [String: String] = [:]
    public init() {}
}

/// Reads metadata from a parsed page. Each field is taken from the first source that has it, in the
/// order the field's function lists (JSON-LD, then OpenGraph and other meta tags, then markup).
public struct MetadataReader {
    let root: Node
    var meta: [String: [String]] = [:]
    var jsonLD: [[String: Any]] = []
    var titleTag: String?
    var canonical: String?
    var htmlLanguage: String?
    /// The page's <h1>, <time> and itemprop="datePublished" elements in document order, found in the
    /// one walk over the page that reads the meta tags (each was a walk of its own).
    var headingElements: [Node] = []
    var timeElements: [Node] = []
    var datePublishedElements: [Node] = []
    /// The schema.org types of the page's elements (microdata `itemtype`) that say what discussion it
    /// is (see `discussion`), lower-cased.
    var discussionMicrodata: Set<String> = []

    public init(root: Node) {
        self.root = root
        root.forEachDescendant { node in
            if let itemprop = node["itemprop"], itemprop.lowercased() == "datepublished" { datePublishedElements.append(node) }
            if let itemtype = node["itemtype"] {
                // One or more type URLs, separated by white space.
                for type in itemtype.lowercased().split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }) {
                    for name in MetadataReader.discussionTypes where type.hasSuffix("schema.org/" + name) { discussionMicrodata.insert(name) }
                }
            }
            switch node.tag {
            case "h1":
                headingElements.append(node)
            case "time":
                timeElements.append(node)
            case "meta":
                let key = (node["property"] ?? node["name"] ?? node["itemprop"] ?? node["http-equiv"] ?? "").lowercased()
                if !key.isEmpty, let content = node["content"] {
                    let value = Text.trimWhiteSpace(content)
                    if !value.isEmpty { meta[key, default: []].append(value) }
                }
            case "title":
                if titleTag == nil, node.parent?.tag == "head" || node.parent?.tag == "html" {
                    titleTag = Text.collapse(node.textContent)
                }
            case "link":
                if (node["rel"] ?? "").lowercased().split(separator: " ").contains("canonical"), let href = node["href"] {
                    canonical = href
                }
            case "script":
                if (node["type"] ?? "").lowercased().contains("ld+json") {
                    let text = node.textContent
                    if let data = text.data(using: .utf8), let object = try? JSONSerialization.jsonObject(with: data) {
                        jsonLD.append(contentsOf: MetadataReader.flatten(object))
                    }
                }
            case "html":
                htmlLanguage = node["lang"] ?? node["xml:lang"]
            default:
                break
            }
            return true
        }
    }

    /// A page that is a discussion rather than an article.
    public enum Discussion: Sendable {
        /// A forum thread (schema.org DiscussionForumPosting): its replies, which schema.org calls its
        /// comments, are its text.
        case forumThread
        /// A question and its answers (schema.org QAPage); the comments under them are not.
        case questionAndAnswers
    }

    /// The schema.org types that make a page a discussion, lower-cased.
    static let discussionTypes: Set<String> = ["discussionforumposting", "qapage"]

    /// What discussion the page is, as its JSON-LD or its microdata (`itemtype`) says; nil for any
    /// other page. A page marked as both is a forum thread.
    public var discussion: Discussion? {
        var types = discussionMicrodata
        for object in jsonLD { types.formUnion(MetadataReader.types(object).filter(MetadataReader.discussionTypes.contains)) }
        if types.contains("discussionforumposting") { return .forumThread }
        return types.contains("qapage") ? .questionAndAnswers : nil
    }

    /// A JSON-LD object's @type (one or a list), lower-cased.
    static func types(_ object: [String: Any]) -> [String] {
        if let type = object["@type"] as? String { return [type.lowercased()] }
        if let list = object["@type"] as? [String] { return list.map { $0.lowercased() } }
        return []
    }

    /// JSON-LD objects, with @graph arrays and nested lists opened up.
    static func flatten(_ object: Any) -> [[String: Any]] {
        if let list = object as? [Any] { return list.flatMap(flatten) }
        guard let dictionary = object as? [String: Any] else { return [] }
        var result = [dictionary]
        if let graph = dictionary["@graph"] { result += flatten(graph) }
        return result
    }

    static let articleTypes: Set<String> = [
        "newsarticle", "article", "reportagenewsarticle", "analysisnewsarticle", "blogposting", "opinionnewsarticle",
        "backgroundnewsarticle", "reviewnewsarticle", "liveblogposting", "scholarlyarticle", "techarticle", "report",
        "webpage", "socialmediaposting", "posting",
    ]

    /// The JSON-LD object that describes the article (the first of an article type).
    var article: [String: Any]? {
        let types = MetadataReader.types
        let ranked = jsonLD.filter { !Set(types($0)).isDisjoint(with: MetadataReader.articleTypes) }
        return ranked.first { !types($0).contains("webpage") } ?? ranked.first
    }

    /// Whether the page's markup says it is an article: OpenGraph's og:type "article", a JSON-LD object
    /// of an article type (a bare WebPage does not count), or an article's publication time or section
    /// in its meta tags. Section fronts, product grids and link pages rarely say so.
    public var declaresArticle: Bool {
        if meta["og:type"]?.contains(where: { $0.lowercased() == "article" }) == true { return true }
        if meta["article:published_time"] != nil || meta["article:section"] != nil { return true }
        return jsonLD.contains { object in
            MetadataReader.types(object).contains { $0 != "webpage" && MetadataReader.articleTypes.contains($0) }
        }
    }

    func metaValue(_ keys: [String]) -> (String, String)? {
        for key in keys { if let value = meta[key]?.first, !value.isEmpty { return (value, key) } }
        return nil
    }

    static func string(_ value: Any?) -> String? {
        if let text = value as? String { return Text.trimWhiteSpace(text) }
        if let list = value as? [Any] { return list.compactMap { string($0) }.first }
        if let object = value as? [String: Any] { return string(object["name"] ?? object["url"] ?? object["@id"]) }
        return nil
    }

    public func read(fallbackURL: String?) -> PageMetadata {
        var result = PageMetadata()
        let article = self.article

        // Site name: OpenGraph, JSON-LD publisher, application-name.
        if let (site, key) = metaValue(["og:site_name", "application-name", "twitter:site"]), !site.hasPrefix("@") {
            result.site = Text.decodeEntities(site)
            result.sources["site"] = key
        } else if let publisher = article?["publisher"] as? [String: Any], let name = MetadataReader.string(publisher["name"]) {
            result.site = name
            result.sources["site"] = "json-ld"
        }

        // Title: the JSON-LD headline or OpenGraph title; else <title> without the site-name part; the
        // page's <h1> wins when it agrees with one of them (it is the one printed above the article).
        var candidates: [(String, String)] = []
        if let headline = MetadataReader.string(article?["headline"]) { candidates.append((Text.decodeEntities(headline), "json-ld")) }
        if let (title, key) = metaValue(["og:title", "twitter:title", "dc.title", "headline", "sailthru.title"]) {
            candidates.append((Text.decodeEntities(title), key))
        }
        if let titleTag, !titleTag.isEmpty { candidates.append((Text.stripSiteName(titleTag, site: result.site), "title")) }
        let headings = headingElements.map { Text.collapse($0.textContent) }.filter { !$0.isEmpty }
        var chosen: (String, String)?
        for heading in headings where chosen == nil {
            if candidates.contains(where: { Text.similar($0.0, heading) }) { chosen = (heading, "h1") }
        }
        if chosen == nil, let first = candidates.first {
            chosen = (Text.stripSiteName(first.0, site: result.site), first.1)
        }
        if chosen == nil, let heading = headings.first { chosen = (heading, "h1") }
        if let (title, source) = chosen, !title.isEmpty {
            result.title = title
            result.sources["title"] = source
        }

        // Authors: JSON-LD author, then author meta tags, then byline markup, then a WordPress Twitter card.
        var authors: [String] = []
        if let author = article?["author"] {
            let list: [Any] = (author as? [Any]) ?? [author]
            for entry in list {
                if let object = entry as? [String: Any] {
                    let type = (object["@type"] as? String ?? "person").lowercased()
                    if type == "organization" || type == "newsmediaorganization" { continue }
                    if let name = MetadataReader.string(object["name"]) { authors += Authors.names(from: Text.decodeEntities(name)) }
                } else if let name = entry as? String {
                    authors += Authors.names(from: Text.decodeEntities(name))
                }
            }
            if !authors.isEmpty { result.sources["authors"] = "json-ld" }
        }
        if authors.isEmpty {
            for key in ["author", "article:author", "dc.creator", "sailthru.author", "parsely-author", "byl", "citation_author"] {
                for value in meta[key] ?? [] where !value.contains("://") {
                    authors += Authors.names(from: value)
                }
                if !authors.isEmpty { result.sources["authors"] = key; break }
            }
        }
        if authors.isEmpty {
            authors = bylineAuthors()
            if !authors.isEmpty { result.sources["authors"] = "byline" }
        }
        if authors.isEmpty {
            // WordPress (Yoast) writes the author into its Twitter card: twitter:label1 "Written by",
            // twitter:data1 the author's display name (often a login name, which `Authors` leaves out).
            for number in 1...4 where meta["twitter:label\(number)"]?.first?.lowercased() == "written by" {
                for value in meta["twitter:data\(number)"] ?? [] { authors += Authors.names(from: value) }
                if !authors.isEmpty { result.sources["authors"] = "twitter:label\(number)" }
                break
            }
        }
        // The site or its publisher named beside people is not one of the authors ("Jonathan Wasserman,
        // Bleacher Report"); alone, it is the byline. (A twitter:site handle may be the author's own.)
        let publisher = (article?["publisher"] as? [String: Any]).flatMap { MetadataReader.string($0["name"]) }
        let site = result.sources["site"] == "twitter:site" ? nil : result.site
        let organisations = Set([site, publisher].compactMap { $0.map(Authors.comparable) })
        var unique: [String] = []
        for name in authors where !unique.contains(name) { unique.append(name) }
        let people = unique.filter { !organisations.contains(Authors.comparable($0)) }
        result.authors = people.isEmpty ? unique : people

        // Dates.
        if let published = MetadataReader.string(article?["datePublished"]).flatMap(DateText.iso) {
            result.published = published
            result.sources["published"] = "json-ld"
        } else if let (value, key) = metaValue(MetadataReader.publishedKeys),
                  let iso = DateText.iso(value) {
            result.published = iso
            result.sources["published"] = key
        } else if let iso = timeElementDate() {
            result.published = iso
            result.sources["published"] = "time-element"
        } else if let url = canonical ?? metaValue(["og:url"])?.0 ?? fallbackURL, let iso = DateText.fromURL(url) {
            result.published = iso
            result.sources["published"] = "url"
        } else if let iso = dateFromDateMarkup() {
            result.published = iso
            result.sources["published"] = "date-markup"
        } else if let (iso, key) = anyDateMeta() {
            result.published = iso
            result.sources["published"] = key
        } else if let iso = dateInPageText() {
            result.published = iso
            result.sources["published"] = "page-text"
        }
        // A timestamp in UTC can fall on the next or previous day of the site's own calendar; when the
        // URL names a day one off from it, the URL's day is the local publication day.
        if let published = result.published, published.hasSuffix("Z") || published.hasSuffix("+00:00"),
           let url = canonical ?? metaValue(["og:url"])?.0 ?? fallbackURL, let urlDay = DateText.fromURL(url),
           let stamp = DateText.iso(String(published.prefix(10))), urlDay != stamp,
           let a = CivilDay(urlDay), let b = CivilDay(stamp), abs(a - b) == 1 {
            result.published = urlDay
            result.sources["published"] = (result.sources["published"] ?? "") + ", day from url"
        }
        // A timestamp in UTC that the page also gives at its own offset, the same instant ("03:22Z" and
        // <time datetime="…22:22:07-0500">): the publisher's local time, whose day is the publication day.
        if let published = result.published, published.hasSuffix("Z") || published.hasSuffix("+00:00"),
           let instant = UTCInstant(published),
           let local = localTimestamps().first(where: { UTCInstant($0.0).map { abs($0 - instant) <= 60 } ?? false }) {
            result.published = local.0
            result.sources["published"] = (result.sources["published"] ?? "") + ", local time from \(local.1)"
        } else if let published = result.published, published.hasSuffix("Z") || published.hasSuffix("+00:00"),
                  let instant = UTCInstant(published),
                  let url = canonical ?? metaValue(["og:url"])?.0 ?? fallbackURL, let zone = SiteZone(url: url),
                  let local = zone.local(instant) {
            // No local time on the page, but the site's country has one time zone: its local time.
            result.published = local
            result.sources["published"] = (result.sources["published"] ?? "") + ", local time of .\(zone.domain)"
        }
        if let modified = MetadataReader.string(article?["dateModified"]).flatMap(DateText.iso) {
            result.modified = modified
            result.sources["modified"] = "json-ld"
        } else if let (value, key) = metaValue(["article:modified_time", "og:updated_time", "datemodified", "last-modified", "dcterms.modified"]),
                  let iso = DateText.iso(value) {
            result.modified = iso
            result.sources["modified"] = key
        }

        // The rest.
        if let canonical, canonical.hasPrefix("http") {
            result.url = canonical
            result.sources["url"] = "canonical"
        } else if let (url, key) = metaValue(["og:url", "twitter:url"]), url.hasPrefix("http") {
            result.url = url
            result.sources["url"] = key
        } else if let fallbackURL {
            result.url = fallbackURL
            result.sources["url"] = "provenance"
        }
        if let (description, key) = metaValue(["og:description", "description", "twitter:description", "dc.description"]) {
            result.description = Text.decodeEntities(description)
            result.sources["description"] = key
        }
        if let (section, key) = metaValue(["article:section", "section", "parsely-section", "category"]) {
            result.section = section
            result.sources["section"] = key
        } else if let section = MetadataReader.string(article?["articleSection"]) {
            result.section = section
            result.sources["section"] = "json-ld"
        }
        var tags = meta["article:tag"] ?? []
        if tags.isEmpty, let keywords = metaValue(["news_keywords", "keywords", "parsely-tags"])?.0 {
            tags = keywords.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        }
        result.tags = tags.filter { !$0.isEmpty }
        if let (image, key) = metaValue(["og:image", "og:image:url", "twitter:image"]) {
            result.image = image
            result.sources["image"] = key
        } else if let image = MetadataReader.string(article?["image"]) {
            result.image = image
            result.sources["image"] = "json-ld"
        }
        if let language = htmlLanguage, !language.isEmpty {
            result.declaredLanguage = language
            result.sources["language"] = "html-lang"
        } else if let (locale, key) = metaValue(["og:locale", "content-language", "language", "dc.language"]) {
            result.declaredLanguage = locale
            result.sources["language"] = key
        } else if let language = MetadataReader.string(article?["inLanguage"]) {
            result.declaredLanguage = language
            result.sources["language"] = "json-ld"
        }
        if let body = MetadataReader.string(article?["articleBody"]), body.count > 200 {
            result.articleBody = body
        }
        return result
    }

    /// Names in byline markup: rel=author links, itemprop=author, and elements whose class says author or byline.
    static let bylineClassWords: Set<String> = ["byline", "author", "authors", "writer", "contributor"]
    static let dateClassWords: Set<String> = ["date", "published", "timestamp", "dateline", "pubdate", "time"]

    func bylineAuthors() -> [String] {
        var names: [String] = []
        // The byline elements in document order, until one gives names.
        root.forEachDescendant { node in
            guard node["rel"]?.lowercased() == "author" || node["itemprop"]?.lowercased() == "author"
                    || node.hasClassWord(in: MetadataReader.bylineClassWords) else { return true }
            // An element holding other byline elements is read through them.
            if node.first(where: { $0["itemprop"]?.lowercased() == "name" }).map({ names += Authors.names(from: Text.collapse($0.spacedTextContent)); return true }) == true {
                return true
            }
            // Elements apart: "<span>Written By</span><a>Jane Roe</a>" is not "Written ByJane Roe".
            let text = Text.collapse(node.spacedTextContent)
            if Text.count(of: text, upTo: 151) > 150 || text.isEmpty { return true }
            names += Authors.names(from: text)
            return names.isEmpty
        }
        return names
    }

    /// Timestamps of the page with a time and a non-zero UTC offset, with where each came from: the
    /// date meta tags and every <time datetime>.
    func localTimestamps() -> [(String, String)] {
        var found: [(String, String)] = []
        for key in MetadataReader.publishedKeys { for value in meta[key] ?? [] { found.append((value, key)) } }
        for node in timeElements { if let value = node["datetime"] { found.append((value, "time-element")) } }
        return found.compactMap { value, source in
            guard let iso = DateText.iso(value), iso.count > 19, !iso.hasSuffix("Z"), !iso.hasSuffix("+00:00"), !iso.hasSuffix("-00:00") else { return nil }
            return (iso, source)
        }
    }

    /// Meta tags that give the publication date, in the order they are trusted.
    static let publishedKeys = ["article:published_time", "og:published_time", "datepublished", "publishdate",
                                "pubdate", "publish-date", "date", "dc.date", "dc.date.issued", "dcterms.created",
                                "sailthru.date", "parsely-pub-date", "cxenseparse:recs:publishtime", "article.published",
                                "published_time", "citation_publication_date", "original-publish-date"]

    /// The first <time datetime> inside the article or its header.
    func timeElementDate() -> String? {
        for node in timeElements {
            var ancestor = node.parent
            var inChrome = false
            while let current = ancestor {
                if ["footer", "aside", "nav"].contains(current.tag) { inChrome = true; break }
                let words = current.classWords
                if words.contains("related") || words.contains("comments") || words.contains("comment") { inChrome = true; break }
                ancestor = current.parent
            }
            if inChrome { continue }
            if let value = node["datetime"] ?? node["content"], let iso = DateText.iso(value) { return iso }
            if let iso = DateText.iso(node.textContent) { return iso }
        }
        for node in datePublishedElements {
            if let value = node["content"] ?? node["datetime"], let iso = DateText.iso(value) { return iso }
            if let iso = DateText.iso(node.textContent) { return iso }
        }
        return nil
    }

    /// Any other meta tag whose name says date or time ("dc.date.created", "og:article:published").
    func anyDateMeta() -> (String, String)? {
        for key in meta.keys.sorted() where (key.contains("date") || key.contains("published") || key.contains("time"))
            && !key.contains("modified") && !key.contains("updated") && !key.contains("expir") {
            if let value = meta[key]?.first, let iso = DateText.iso(value) { return (iso, key) }
        }
        return nil
    }

    /// The first date written in the page's text, in a short line near the top (a dateline that is not
    /// marked up), searched in the first part of the page.
    func dateInPageText() -> String? {
        var seen = 0
        var found: String?
        (root.first("body") ?? root).forEachDescendant { node in
            guard !node.kind.contains(.skipped) else { return true }
            for child in node.children where child.isText {
                let text = Text.collapse(child.text)
                let length = Text.count(of: text, upTo: 20_001)
                seen += length
                if seen > 20_000 { return false }
                if length >= 8 && length <= 80, let iso = DateText.iso(text) { found = iso; return false }
            }
            return true
        }
        return found
    }

    /// A date written in an element whose class names a date (class="date", "published", "timestamp").
    func dateFromDateMarkup() -> String? {
        var found: String?
        root.forEachDescendant { node in
            guard node.hasClassWord(in: MetadataReader.dateClassWords) else { return true }
            let text = Text.collapse(node.textContent)
            if Text.count(of: text, upTo: 80) < 80, let iso = DateText.iso(text) { found = iso; return false }
            return true
        }
        return found
    }
}

/// Seconds since an epoch of an ISO timestamp with a time and an offset ("2023-12-22T22:22:07-05:00",
/// "…Z"), for comparing two instants; nil without both.
func UTCInstant(_ iso: String) -> Int? {
    let scalars = Array(iso.unicodeScalars)
    guard scalars.count >= 20, scalars[10] == "T", let day = CivilDate.parse(iso)?.days else { return nil }
    func number(_ from: Int, _ count: Int) -> Int? {
        guard from + count <= scalars.count else { return nil }
        return Int(String(String.UnicodeScalarView(scalars[from..<(from + count)])))
    }
    guard let h = number(11, 2), let m = number(14, 2), let s = number(17, 2) else { return nil }
    var offset = 0
    let zone = scalars[19...]
    if zone.first != "Z" {
        guard zone.count == 6, let sign = zone.first, sign == "+" || sign == "-", let oh = number(20, 2), let om = number(23, 2) else { return nil }
        offset = (oh * 3600 + om * 60) * (sign == "-" ? -1 : 1)
    }
    return day * 86400 + h * 3600 + m * 60 + s - offset
}

/// Days since 1970-01-01 of an ISO date "YYYY-MM-DD…", for comparing two days.
func CivilDay(_ text: String) -> Int? {
    CivilDate.parse(text)?.days
}

/// The time zone of a site whose country-code domain has one (.it, .de, .jp; not .com, .au or .us),
/// with the European summer-time rule where the country keeps it: a UTC timestamp's local day there.
struct SiteZone {
    let domain: String
    /// Offset from UTC in minutes, outside summer time.
    let offset: Int
    let europeanSummerTime: Bool

    /// Country-code domains by standard offset (minutes) and summer time (facts of each country's
    /// civil time, as of 2024).
    static let zones: [String: (Int, Bool)] = {
        var table: [String: (Int, Bool)] = [:]
        for d in ["uk", "ie", "pt"] { table[d] = (0, true) }
        for d in ["it", "de", "fr", "es", "nl", "be", "at", "ch", "se", "no", "dk", "pl", "cz", "hu", "sk", "si", "hr", "lu", "rs"] { table[d] = (60, true) }
        for d in ["gr", "fi", "ro", "bg", "ee", "lv", "lt", "cy"] { table[d] = (120, true) }
        for (d, minutes) in [("jp", 540), ("kr", 540), ("cn", 480), ("hk", 480), ("tw", 480), ("sg", 480), ("my", 480), ("ph", 480),
                             ("in", 330), ("th", 420), ("vn", 420), ("tr", 180), ("ae", 240), ("qa", 180), ("sa", 180),
                             ("ar", -180), ("za", 120), ("ng", 60), ("ke", 180)] {
            table[d] = (minutes, false)
        }
        return table
    }()

    init?(url: String) {
        guard let host = URL(string: url)?.host?.lowercased(), let last = host.split(separator: ".").last,
              let (offset, summer) = SiteZone.zones[String(last)] else { return nil }
        domain = String(last)
        self.offset = offset
        europeanSummerTime = summer
    }

    /// The ISO local time ("2020-12-06T00:15:00+01:00") of a UTC instant (seconds, as `UTCInstant`).
    func local(_ instant: Int) -> String? {
        var minutes = offset
        if europeanSummerTime, let start = SiteZone.lastSunday(of: 3, instant: instant), let end = SiteZone.lastSunday(of: 10, instant: instant),
           instant >= start + 3600, instant < end + 3600 {
            minutes += 60
        }
        let shifted = instant + minutes * 60
        let days = shifted >= 0 ? shifted / 86400 : (shifted - 86399) / 86400
        let seconds = shifted - days * 86400
        let sign = minutes < 0 ? "-" : "+"
        return CivilDate(days: days).iso + String(format: "T%02d:%02d:%02d%@%02d:%02d", seconds / 3600, seconds % 3600 / 60, seconds % 60,
                                                  sign, abs(minutes) / 60, abs(minutes) % 60)
    }

    /// The instant (seconds, as `UTCInstant`) of midnight UTC on the last Sunday of `month` in the year of `instant`.
    static func lastSunday(of month: Int, instant: Int) -> Int? {
        let year = CivilDate(days: instant / 86400).year
        var day = CivilDate(year: year, month: month, day: CivilDate.daysIn(year: year, month: month))
        while day.weekday != 7 { day = day.adding(days: -1) }
        return day.days * 86400
    }
}
