import Foundation
import NewsmillCore
@testable import NewsmillClean
import NewsmillTestSupport
import Testing

func cleaner() throws -> Cleaner {
    try Cleaner(settings: CleanSettings(), lexicon: CleanLexicon.load(from: TestPaths.pipelines))
}

func html(_ body: String, head: String = "") -> NormalizedDocument {
    NormalizedDocument(id: "t", source: "t.html", provenance: Provenance(kind: "file", location: "t.html"), mediaType: "text/html",
                       charset: CharsetDecision(name: "UTF-8", decidedBy: "test"),
                       content: "<!doctype html><html lang=\"en\"><head>\(head)</head><body>\(body)</body></html>")
}

func plain(_ text: String) -> NormalizedDocument {
    NormalizedDocument(id: "t", source: "t.txt", provenance: Provenance(kind: "file", location: "t.txt"), mediaType: "text/plain",
                       charset: CharsetDecision(name: "UTF-8", decidedBy: "test"), content: text)
}

let paragraph1 = "The city council voted on Tuesday to raise the harbour wall by two metres, after a winter of storms that flooded hundreds of homes in the old town."
let paragraph2 = "Engineers said the work, which will cost about $400 million, would take five years, and that the old wall had been built for a sea that no longer exists."
let paragraph3 = "Residents welcomed the decision, though some said the council should have acted a decade ago, when the first surveys warned of rising tides."

@Suite struct HTMLCleaningTests {
    @Test func keepsTheArticleAndDropsChrome() throws {
        let page = html("""
        <a class="skip-link" href="#main">Skip to main content</a>
        <header class="site-header"><nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav></header>
        <div id="cookie-banner">We use cookies to improve your experience. <a href="#">Accept all</a></div>
        <main><article>
          <h1>Council backs higher harbour wall</h1>
          <p class="byline">By Jane Roe and John Doe</p>
          <p>\(paragraph1)</p>
          <div class="share-bar"><a href="#">Share on Facebook</a> <a href="#">Twitter</a> <a href="#">Email</a></div>
          <p>\(paragraph2)</p>
          <p class="read-more"><a href="/x">READ MORE: Storm season brings record flooding</a></p>
          <h2>Residents react</h2>
          <blockquote><p>We have waited twenty years for this wall to be fixed properly.</p></blockquote>
          <ul><li>Two metres higher along the quay</li><li>Three new tidal gates</li></ul>
          <p>\(paragraph3)</p>
          <div class="newsletter-signup">Sign up for our morning briefing</div>
        </article></main>
        <aside class="related"><h3>Related stories</h3><ul><li><a href="/a">Flood maps redrawn</a></li><li><a href="/b">Tide tables</a></li></ul></aside>
        <footer><a href="/privacy">Privacy Policy</a> © 2024 The Gazette. All rights reserved.</footer>
        """, head: "<title>Council backs higher harbour wall | The Gazette</title><meta property=\"og:site_name\" content=\"The Gazette\">")
        let document = try cleaner().clean(page)
        let text = document.text
        for kept in [paragraph1, paragraph2, paragraph3, "Residents react", "We have waited twenty years", "Three new tidal gates"] {
            #expect(text.contains(kept), "kept: \(kept)")
        }
        for dropped in ["Skip to main content", "cookies", "Share on Facebook", "READ MORE", "Sign up", "Related stories", "Privacy Policy", "All rights reserved", "Flood maps"] {
            #expect(!text.contains(dropped), "dropped: \(dropped)")
        }
        #expect(document.header.title == "Council backs higher harbour wall")
        #expect(document.header.authors == ["Jane Roe", "John Doe"])
        #expect(document.header.site == "The Gazette")
        #expect(document.header.language == "en")
        #expect(document.blocks.contains { $0.type == "quote" })
        #expect(document.blocks.filter { $0.type == "list-item" }.count == 2)
        #expect(document.blocks.contains { $0.type == "heading" && $0.level == 2 })
        #expect(!document.removed.isEmpty)
    }

    @Test func blockOffsetsSliceTheText() throws {
        let document = try cleaner().clean(html("<article><h1>Title here</h1><p>\(paragraph1)</p><p>Zürich — “naïve” café.</p><p>\(paragraph2)</p></article>"))
        let scalars = Array(document.text.unicodeScalars)
        let joined = document.blocks.map { String(String.UnicodeScalarView(scalars[$0.start..<$0.end])) }.joined(separator: "\n\n")
        #expect(joined == document.text)
        #expect(document.text.contains("\n\nZürich — “naïve” café.\n\n"))
    }

    @Test func metadataFromJSONLDAndMeta() throws {
        let head = """
        <meta property="og:title" content="Rates held at 3.75%">
        <meta property="article:published_time" content="2024-03-14T10:05:00+01:00">
        <link rel="canonical" href="https://example.com/2024/03/14/rates/">
        <script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"Rates held at 3.75%",
          "author":[{"@type":"Person","name":"Ingrid Åkesson"},{"@type":"Organization","name":"NordWire"}],
          "datePublished":"2024-03-14T10:05:00+01:00","publisher":{"@type":"Organization","name":"NordWire"}}</script>
        """
        let document = try cleaner().clean(html("<article><h1>Rates held at 3.75%</h1><p>\(paragraph1)</p><p>\(paragraph2)</p></article>", head: head))
        #expect(document.header.title == "Rates held at 3.75%")
        #expect(document.header.authors == ["Ingrid Åkesson"])
        #expect(document.header.published == "2024-03-14T10:05:00+01:00")
        #expect(document.header.url == "https://example.com/2024/03/14/rates/")
        #expect(document.header.site == "NordWire")
        #expect(document.metadataSources["authors"] == "json-ld")
    }

    @Test func utcTimestampTakesThePublishersLocalDay() throws {
        // 03:22 UTC on the 23rd is 22:22 on the 22nd where the page was published; the <time> element
        // gives that same instant at its offset, so the publication day is the 22nd.
        let head = """
        <meta property="article:published_time" content="2023-12-23T03:22:07Z">
        """
        let body = "<article><h1>Storm closes the bridge</h1><time datetime=\"2023-12-22T22:22:07-0500\">Dec. 22, 10:22 p.m.</time><p>\(paragraph1)</p><p>\(paragraph2)</p></article>"
        let document = try cleaner().clean(html(body, head: head))
        #expect(document.header.published == "2023-12-22T22:22:07-05:00")
        #expect(document.metadataSources["published"]?.contains("local time") == true)
        // A <time> at another instant is another date (an update, a related story): the UTC stamp stays.
        let other = body.replacingOccurrences(of: "2023-12-22T22:22:07-0500", with: "2023-12-20T09:00:00-0500")
        let unchanged = try cleaner().clean(html(other, head: head))
        #expect(unchanged.header.published == "2023-12-23T03:22:07Z")
    }

    @Test func utcTimestampTakesTheLocalTimeOfTheSitesCountry() throws {
        func published(_ stamp: String, url: String) throws -> String? {
            let head = "<meta property=\"article:published_time\" content=\"\(stamp)\"><link rel=\"canonical\" href=\"\(url)\">"
            return try cleaner().clean(html("<article><h1>Vote certified</h1><p>\(paragraph1)</p><p>\(paragraph2)</p></article>", head: head)).header.published
        }
        // Winter in Italy: UTC+1, the next day.
        #expect(try published("2020-12-05T23:15:0Z", url: "https://www.example.it/news/1") == "2020-12-06T00:15:00+01:00")
        // Summer in Germany: UTC+2.
        #expect(try published("2021-07-01T22:30:00Z", url: "https://www.example.de/a") == "2021-07-02T00:30:00+02:00")
        // Japan keeps no summer time.
        #expect(try published("2021-07-01T16:00:00Z", url: "https://www.example.jp/a") == "2021-07-02T01:00:00+09:00")
        // A .com site has no one time zone: the UTC stamp stays.
        #expect(try published("2021-07-01T22:30:00Z", url: "https://www.example.com/a") == "2021-07-01T22:30:00Z")
    }

    @Test func attributeNamesLibxml2CannotReadStayOutOfTheText() throws {
        // Alpine.js writes "@click" and "=>" inside attributes; libxml2 2.9 stops reading the tag at "@"
        // and takes the rest, up to the ">" of "=>", for text.
        let nav = "<nav><button @click.prevent=\"open = !open; $nextTick( () => $refs.menu.focus() )\" #slot=\"x\">Menu</button></nav>"
        let document = try cleaner().clean(html(nav + "<article><h1>Rates held</h1><p>\(paragraph1)</p><p>\(paragraph2)</p></article>"))
        #expect(!document.text.contains("$refs"))
        #expect(!document.text.contains("=>"))
        #expect(document.text.contains(String(paragraph1.prefix(40))))
        // The renamed attributes are the only change: a page without them is read as before.
        let bytes = Array("<p a=\"1\" @x=\"y => z\">t</p>".utf8)
        let renamed = bytes.withUnsafeBufferPointer { RawText.removingScriptBodies($0) }.map { String(decoding: $0, as: UTF8.self) }
        #expect(renamed == "<p a=\"1\" data-at-x=\"y => z\">t</p>")
        let plain = Array("<p a=\"mail@example.com\" href=\"#top\">t</p>".utf8)
        #expect(plain.withUnsafeBufferPointer { RawText.removingScriptBodies($0) } == nil)
        // Junk in a tag: a "=" with no name, a lone "@", an unclosed value (found by the fuzzer).
        for junk in ["<p =\"x\" @y=1>t</p>", "<p = = @>t</p>", "<p @=>t</p>", "<p @>", "<a @x='never closed>t", "<p ==@a>t</p>"] {
            let bytes = Array(junk.utf8)
            _ = bytes.withUnsafeBufferPointer { RawText.removingScriptBodies($0) }
            _ = try cleaner().clean(html(junk))
        }
        #expect(Array("<p =\"x\" @y=1>t</p>".utf8).withUnsafeBufferPointer { RawText.removingScriptBodies($0) }
                    .map { String(decoding: $0, as: UTF8.self) } == "<p =\"x\" data-at-y=1>t</p>")
    }

    /// A paragraph that is one link and a whole sentence cites its source; a linked headline is a teaser.
    @Test func aSentenceThatIsOneLinkCitesItsSource() throws {
        let cited = "The coding bootcamp industry is taking off, with market projections showing growth from $1.36 billion in 2021 to $3.66 billion by 2027."
        let teaser = "Storm season brings record flooding to the coast"
        let page = html("<article><h1>Bootcamps</h1><p>\(paragraph1)</p><p><a href='https://example.org/report'>\(cited)</a></p>"
                        + "<p><a href='/x'>\(teaser)</a></p><p>\(paragraph2)</p></article>")
        let text = try cleaner().clean(page).text
        #expect(text.contains(cited))
        #expect(!text.contains(teaser))
        var settings = CleanSettings()
        settings.linkedSentenceMinWords = 0
        #expect(try !Cleaner(settings: settings, lexicon: cleaner().lexicon).clean(page).text.contains(cited))
    }

    /// A small form with a field to fill in, and the few words over it, is a sign-up box; a form that
    /// only wraps text (a comment's body on some forums) is not.
    @Test func aSmallFormWithAFieldIsASignUpBox() throws {
        let comment = "I grew up two streets from the old wall and we lost the ground floor twice in one winter."
        let page = html("""
        <article><h1>Harbour wall</h1><p>\(paragraph1)</p><p>\(paragraph2)</p>
        <div class="post-box"><h4>Want to win more jobs with less effort?</h4>
        <form action="/demo"><input type="email" name="email" placeholder="Email"><button>Book a demo</button></form></div>
        <p>\(paragraph3)</p>
        <form class="usertext"><input type="hidden" name="thing" value="t1"><div class="md"><p>\(comment)</p></div></form>
        </article>
        """)
        let cleaned = try cleaner().clean(page)
        #expect(!cleaned.text.contains("Want to win more jobs"))
        #expect(cleaned.text.contains(comment))
        #expect(cleaned.text.contains(paragraph3))
        var settings = CleanSettings()
        settings.formBoxMaxCharacters = 0
        #expect(try Cleaner(settings: settings, lexicon: cleaner().lexicon).clean(page).text.contains("Want to win more jobs"))
    }

    /// Attributes the stage never reads (image sources, SVG paths, event handlers, scripts' data) are
    /// left out before libxml2 reads them character by character; those it reads stay as written.
    @Test func unreadAttributesAreLeftOutBeforeTheParse() throws {
        func lean(_ html: String) -> String {
            var html = html
            return html.withUTF8 { RawText.removingScriptBodies($0).map { String(decoding: $0, as: UTF8.self) } } ?? html
        }
        #expect(lean("<img src=\"a.jpg\" SRCSET=\"a 1x, b 2x\" alt=\"A\" class=\"photo\"><svg><path d=\"M0 0\"/></svg>")
                == "<img class=\"photo\"><svg><path/></svg>")
        #expect(lean("<a href=\"/x\" onclick=\"go()\" data-track='y > z' data-sid=\"S1\" data-rsi>t</a>")
                == "<a href=\"/x\" data-sid=\"S1\" data-rsi>t</a>")
        // Values that are not quoted, and attributes written with no blank between them.
        #expect(lean("<a id=n target=_blank title=t>t</a><img alt=\"x\"class=\"c\"src=y>")
                == "<a id=n title=t>t</a><img class=\"c\">")
        // Names that only begin like an unread one are kept.
        let kept = "<p data=\"1\" on=\"2\" alternate=\"3\" dir=\"ltr\" sources=\"4\" d2=\"5\" data-sid>t</p>"
        #expect(lean(kept) == kept)
        // What the stage reads of a page is the same with or without the unread attributes.
        let page = html("<article><h1>Rates held</h1><p class=\"lead\" data-analytics=\"p1\">\(paragraph1)</p>"
                        + "<figure><img src=\"x.jpg\" alt=\"A bank\"><figcaption>The bank.</figcaption></figure><p>\(paragraph2)</p></article>")
        let plain = html("<article><h1>Rates held</h1><p class=\"lead\">\(paragraph1)</p>"
                         + "<figure><img><figcaption>The bank.</figcaption></figure><p>\(paragraph2)</p></article>")
        #expect(try cleaner().clean(page).text == cleaner().clean(plain).text)
    }

    @Test func contentAfterTheClosingHTMLTagIsRead() throws {
        // Some sites close </body></html> after their header and print the article after it; a browser
        // shows it at the end of the body, and so does the clean stage.
        var page = html("<nav><a href='/'>Home</a></nav>", head: "<title>HR outsourcing</title>")
        page.content += "\n<div class='blog'><h1>Six kinds of HR outsourcing</h1><p>\(paragraph1)</p><p>\(paragraph2)</p></div>"
        let document = try cleaner().clean(page)
        #expect(document.text.contains(String(paragraph1.prefix(40))))
        #expect(document.text.contains(String(paragraph2.prefix(40))))
    }

    @Test func utilityClassesWithSelectorsNameNoPartOfThePage() throws {
        // Tailwind's "[&_figcaption]:mt-xs" styles the captions inside; the article is not a caption.
        #expect(!Text.classWords("block [&_figcaption]:mt-xxs lg:[&>*]:col-start-3").contains("figcaption"))
        #expect(Text.classWords("wp-caption-text").contains("caption"))
        let article = "<article class=\"grid [&_figcaption]:mt-xxs [&_p_+_p]:mt-sm\"><h1>Batching</h1><p>\(paragraph1)</p><p>\(paragraph2)</p></article>"
        let document = try cleaner().clean(html(article))
        #expect(document.blocks.filter { $0.type == "paragraph" }.count == 2)
        #expect(!document.blocks.contains { $0.type == "caption" })
    }

    /// An article written in a CMS's text components, one per section with pictures between them:
    /// scoring finds one chunk, and the others of its tag and class come with it (each text once).
    @Test func anArticleInTextComponentsIsWhole() throws {
        func chunk(_ text: String) -> String { "<section class=\"block\"><div class=\"story-part\"><p>\(text)</p></div></section><section class=\"block image\"><img src=\"a.jpg\"></section>" }
        let last = "The engineers expect the first stretch of the wall to be finished before the autumn storms, the council said."
        let body = "<main><h1>Harbour wall vote</h1>" + chunk(paragraph1 + " " + paragraph2) + chunk(paragraph3) + chunk(last) + "</main>"
        let article = try cleaner().clean(html(body, head: "<meta property=\"og:type\" content=\"article\">"))
        for text in [paragraph1, paragraph3, last] { #expect(article.text.contains(text), "\(text.prefix(30))") }
        #expect(article.text.components(separatedBy: last).count == 2)
    }

    /// A list the article introduces with a colon is content even where each item is a link; a list
    /// of the site's own pages under "Next read this:" is a box of teasers.
    @Test func anIntroducedListOfLinksIsContent() throws {
        func list(_ hrefs: [String]) -> String {
            "<ul>" + hrefs.enumerated().map { "<li><a href=\"\($1)\">Harbour patch number \($0 + 1): raise the wall by two metres</a></li>" }.joined() + "</ul>"
        }
        let external = list(["https://forge.example.org/pulls/97", "https://forge.example.org/pulls/98", "https://forge.example.org/pulls/99"])
        let own = list(["/news/1", "/news/2", "/news/3"])
        let page = "<article><h1>Progress report</h1><p>\(paragraph1)</p><p>Many patches were sent for review:</p>\(external)<p>\(paragraph2)</p><p>Next read this:</p>\(own)</article>"
        let document = try cleaner().clean(html(page, head: "<link rel=\"canonical\" href=\"https://news.example.com/report\">"))
        #expect(document.text.contains("Harbour patch number 1") && document.text.contains("Harbour patch number 3"))
        #expect(document.text.components(separatedBy: "Harbour patch number 1:").count == 2)
    }

    @Test func linksToTheOwnSite() {
        let host = "www.example.com"
        for href in ["/news/1", "page.html", "#top", "https://example.com/a", "//www.example.com/b", "http://user@www.example.com:8080/c?x=1"] {
            #expect(BlockBuilder.leadsToOwnSite(href, host: host), "\(href)")
        }
        for href in ["https://forge.example.org/pulls/97", "mailto:a@example.com", "https://example.com.evil.net/", "", "javascript:void(0)"] {
            #expect(!BlockBuilder.leadsToOwnSite(href, host: host), "\(href)")
        }
        #expect(!BlockBuilder.leadsToOwnSite("https://example.com/a", host: nil))
    }

    /// "skip-item" sections of a long article (anchors a table of contents skips to) are its text;
    /// "skip" names no chrome by itself.
    @Test func skipItemSectionsAreText() throws {
        let sections = [paragraph1, paragraph2, paragraph3].enumerated().map { "<div id=\"topic\($0)\" class=\"skip-item\"><h2>Part \($0 + 1)</h2><p>\($1)</p></div>" }.joined()
        let document = try cleaner().clean(html("<a class=\"skip-link screen-reader-text\" href=\"#main\">Skip to content</a><div class=\"blog-single-content\"><h1>Mesh networks</h1>\(sections)</div>"))
        for text in [paragraph1, paragraph2, paragraph3] { #expect(document.text.contains(text)) }
        #expect(!document.text.contains("Skip to content"))
    }

    /// What the page holds outside the article is recorded as removed, "outside-article", and nothing of
    /// the article is.
    @Test func textOutsideTheArticleIsRecordedAsRemoved() throws {
        let elsewhere = "Our offices are open from nine to five on weekdays, and the front desk can help with parking permits."
        let document = try cleaner().clean(html("<article><h1>Harbour wall vote</h1><p>\(paragraph1)</p><p>\(paragraph2)</p><p>\(paragraph3)</p></article><div class=\"box\"><p>\(elsewhere)</p></div>"))
        #expect(document.removed.contains { $0.reason == "outside-article" && $0.text == elsewhere })
        #expect(!document.removed.contains { [paragraph1, paragraph2, paragraph3].contains($0.text) })
    }

    /// Highlighted code keeps its comments: "hljs-comment" names a part of the code, not a comments section.
    @Test func codeKeepsItsHighlightedComments() throws {
        let code = "<pre><code class=\"language-bash hljs\"><span class=\"hljs-comment\"># initialize git</span>\ngit init\n<span class=\"token comment\"># view the state of the repo</span>\ngit status</code></pre>"
        let document = try cleaner().clean(html("<article><h1>Git basics</h1><p>\(paragraph1)</p><p>\(paragraph2)</p>\(code)<p>\(paragraph3)</p></article>"))
        #expect(document.text.contains("# initialize git\ngit init"))
        #expect(document.text.contains("# view the state of the repo"))
    }

    /// A figure's caption is its <figcaption>. When the page leaves a <div> open inside a figure,
    /// libxml2 ignores </figure> and the rest of the article ends up inside it: still paragraphs.
    @Test func textAfterABrokenFigureIsNotACaption() throws {
        let figure = "<figure class=\"table\"><div class=\"table-wrapper\"><table><tr><th>Model</th><th>Material</th></tr><tr><td>Clara</td><td>Steel</td></tr></table></figure>"
        let article = "<article><h1>French presses</h1><p>\(paragraph1)</p>\(figure)<p>\(paragraph2)</p><figure><img src=\"a.jpg\"><figcaption>The harbour wall at dawn.</figcaption></figure></article>"
        let document = try cleaner().clean(html(article))
        let types = Dictionary(document.blocks.map { (String(document.text.unicodeScalars.dropFirst($0.start).prefix($0.end - $0.start)), $0.type) }, uniquingKeysWith: { a, _ in a })
        #expect(types[paragraph2] == "paragraph")
        #expect(types["The harbour wall at dawn."] == "caption")
    }

    @Test func pageWithoutArticleGetsEmptyTextAndReason() throws {
        let front = html("<nav><a href='/a'>World</a><a href='/b'>Business</a></nav><main><ul><li><a href='/1'>Flood defences approved after a winter of storms</a></li><li><a href='/2'>Central bank holds rates as inflation slows</a></li></ul></main>")
        let document = try cleaner().clean(front)
        #expect(document.text.isEmpty)
        #expect(document.emptyReason?.contains("not an article") == true)
        // The listing is kept apart, without the navigation.
        #expect(document.listing?.contains("Flood defences approved") == true)
        #expect(document.listing?.contains("World") == false)
        let wall = try cleaner().clean(html("<div class='login'><form><input name='user'><button>Sign in</button></form></div>"))
        #expect(wall.text.isEmpty && wall.listing == nil && wall.emptyReason != nil)
    }

    @Test func textForReadersWithoutScriptIsContent() throws {
        let page = html("<div id='app'></div><noscript><div class='post'><p>\(paragraph1)</p><p>\(paragraph2)</p></div></noscript><noscript><img src='pixel.gif'></noscript>")
        let document = try cleaner().clean(page)
        #expect(document.text.contains(paragraph1) && document.text.contains(paragraph2))
    }

    @Test func closedAccordionAndTabPanelsAreContentOtherHiddenThingsAreNot() throws {
        let page = html("""
        <article><h1>Council backs higher harbour wall</h1><p>\(paragraph1)</p>
          <h2><button aria-expanded="false" aria-controls="p1" id="h1">What happens next</button></h2>
          <div id="p1" role="region" aria-labelledby="h1" style="display: none"><p>\(paragraph2)</p></div>
          <div role="tabpanel" hidden><p>\(paragraph3)</p></div>
          <div style="display:none"><p>Thanks for signing up to the morning briefing, we will be in touch.</p></div>
          <div role="region" hidden><p>A region without a heading that names it stays hidden.</p></div>
        </article>
        """)
        let text = try cleaner().clean(page).text
        #expect(text.contains(paragraph1) && text.contains(paragraph2) && text.contains(paragraph3))
        #expect(!text.contains("Thanks for signing up"))
        #expect(!text.contains("A region without a heading"))
    }

    @Test func hostilePagesFinish() throws {
        let deep = String(repeating: "<div>", count: 200_000) + "deep text" + String(repeating: "</div>", count: 200_000)
        _ = try cleaner().clean(html(deep))
        let scripts = html(String(repeating: "<script>var x = 1;</script>", count: 1000))
        #expect(try cleaner().clean(scripts).text.isEmpty)
        let frameset = NormalizedDocument(id: "f", source: "f.html", provenance: Provenance(kind: "file", location: "f.html"), mediaType: "text/html",
                                          charset: CharsetDecision(name: "UTF-8", decidedBy: "test"),
                                          content: "<html><frameset><frame src='a.html'><frame src='b.html'></frameset></html>")
        #expect(try cleaner().clean(frameset).text.isEmpty)
        let base64 = html("<article><p>\(paragraph1)</p><img src=\"data:image/png;base64,\(String(repeating: "QUJD", count: 2_500_000))\"><p>\(paragraph2)</p></article>")
        let document = try cleaner().clean(base64)
        #expect(document.text.contains(paragraph2) && !document.text.contains("QUJD"))
        _ = try cleaner().clean(html("<p><b><i>broken <div>markup</p></i> <table><td>cell"))
    }

    /// Script and style bodies are taken out before libxml2 reads the page, where libxml2 would read
    /// them as raw text, and nowhere else.
    @Test func scriptBodiesAreTakenOutWhereLibxml2WouldReadThem() {
        func stripped(_ html: String) -> String {
            var html = html
            return html.withUTF8 { RawText.removingScriptBodies($0).map { String(decoding: $0, as: UTF8.self) } } ?? html
        }
        #expect(stripped("<p>a</p><script src=x>var a = '</p>';</script><style>p { x: 1 }</STYLE><p>b</p>")
                == "<p>a</p><script src=x data-newsmill-characters=\"12\"></script><style data-newsmill-characters=\"6\"></STYLE><p>b</p>")
        // Kept: JSON (whatever the entity in its type), empty bodies, and what is not a tag.
        let kept = [
            "<script type=\"application/ld+json\">{\"@type\": \"NewsArticle\"}</script>",
            "<script type='application/ld&#x2B;json'>{}</script><script></script>",
            "<!-- <script>not a tag</script> --><p>text</p>",
            "<a title=\"<script>\">link</a><p>text</p></script>",
            "<scripts>not a script</scripts>",
            "<p>a</p><script>never closed",
            "<!-- never closed <script>x</script>",
        ]
        for html in kept { #expect(stripped(html) == html, "\(html)") }
        // A quotation mark that does not open a value is an ordinary character, as for libxml2.
        #expect(stripped("<div x\"y>t</div><script>z</script>") == "<div x\"y>t</div><script data-newsmill-characters=\"1\"></script>")
    }

    /// The page's statistics still count a script's characters; its text is gone from the tree.
    @Test func aRemovedScriptStillCountsInStatistics() throws {
        let body = "<div id='x'><p>Short text here.</p><script>var  ads = [1, 2, 3];</script></div>"
        let root = try HTMLTree.parse("<html><body>\(body)</body></html>")
        let div = try #require(root.descendants(where: { $0["id"] == "x" }).first)
        let stats = NodeStats(div, bareParagraphCharacters: 1000)
        #expect(stats.characters(div) == Text.nonWhitespaceCount("Short text here.") + Text.nonWhitespaceCount("var  ads = [1, 2, 3];"))
        #expect(!div.textContent.contains("ads"))
    }

    /// A reply that quotes an earlier post repeats it: the quotation goes, the reply and new quotations stay.
    @Test func aQuotationOfEarlierTextGoes() throws {
        let fresh = "We have never had a wall that high anywhere on this coast, and nobody knows what it will do to the beach."
        let page = "<article><h1>Harbour wall vote</h1><p>\(paragraph1)</p><p>\(paragraph2)</p>"
            + "<blockquote><p>\(paragraph1)</p></blockquote><p>\(paragraph3)</p><blockquote><p>\(fresh)</p></blockquote>"
            + "<div class=\"quote-expand\">Click to expand...</div></article>"
        let document = try cleaner().clean(html(page))
        #expect(document.text.components(separatedBy: paragraph1).count == 2)
        #expect(document.text.contains(paragraph3) && document.text.contains(fresh))
        #expect(!document.text.contains("Click to expand"))
        #expect(document.removed.contains { $0.reason == "quotation of earlier text" })
    }

    /// Placeholder text left in an unfilled template is neither scored nor kept.
    @Test func loremIpsumIsAPlaceholder() throws {
        let lorem = "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua, ut enim ad minim veniam."
        let promo = (1...4).map { "<div class=\"col\"><h3>Head Line \($0)</h3><p>\(lorem)</p><p>\(lorem)</p></div>" }.joined()
        let page = "<div class=\"row\">\(promo)</div><div class=\"row\"><div class=\"col\"><h2>Harbour wall vote</h2><p>\(paragraph1)</p><p>\(paragraph2)</p><p>\(paragraph3)</p></div></div>"
        let document = try cleaner().clean(html(page, head: "<meta property=\"og:type\" content=\"article\">"))
        #expect(document.text.contains(paragraph2))
        #expect(!document.text.contains("Lorem ipsum"))
        #expect(Text.isPlaceholder(lorem) && !Text.isPlaceholder("Lorem is a name, and ipsum is not."))
    }

    /// A long block that is nothing but links (a tag cloud) is a link list, however long.
    @Test func aTagCloudIsALinkListWhateverItsLength() throws {
        let tags = (1...40).map { "<a href='/tag/\($0)'>topic number \($0)</a>" }.joined(separator: " ")
        let document = try cleaner().clean(html("<article><h1>Wall</h1><p>\(paragraph1)</p><p>\(paragraph2)</p><div>\(tags)</div></article>"))
        #expect(document.text.contains(paragraph2) && !document.text.contains("topic number"))
        // Prose with links in it stays.
        let linked = "<p>The <a href='/a'>council</a> voted, the <a href='/b'>engineers</a> agreed, and \(paragraph3)</p>"
        #expect(try cleaner().clean(html("<article><h1>Wall</h1><p>\(paragraph1)</p>\(linked)</article>")).text.contains("engineers agreed"))
    }

    /// An <article> made of other articles (related-story teasers) is not the article; an article
    /// whose comments are articles still is.
    @Test func anArticleOfArticlesIsNotTheArticle() throws {
        let teaser = "A teaser for another story that the site would like you to read next, with enough words in it to count as a paragraph of its own."
        let related = "<article class='postbox'><h3>You may also like</h3>" + (1...4).map { "<article><p>\(teaser) \($0)</p></article>" }.joined() + "</article>"
        let page = html("<article class='post'><h1>Wall</h1><p>\(paragraph1) \(paragraph3)</p></article>\(related)")
        let document = try cleaner().clean(page)
        #expect(document.text.contains(paragraph1) && !document.text.contains("teaser for another story"))
        let comments = (1...3).map { "<article class='comment'><p>\(teaser) \($0)</p></article>" }.joined()
        let withComments = try cleaner().clean(html("<article><h1>Wall</h1><p>\(paragraph1)</p><p>\(paragraph2)</p><p>\(paragraph3)</p>\(comments)</article>"))
        #expect(withComments.text.contains(paragraph1) && withComments.text.contains(paragraph3))
    }

    /// Nesting deeper than libxml2's tree builder allows (256) used to stop the parse there and lose the
    /// rest of the page; the tree is now built from parse events, and deep elements are flattened.
    @Test func textAfterDeepNestingIsKept() throws {
        let deep = String(repeating: "<div>", count: 300) + "<p>\(paragraph1)</p>" + String(repeating: "</div>", count: 300)
        let document = try cleaner().clean(html("<article>\(deep)<p>\(paragraph2)</p><p>\(paragraph3)</p></article>"))
        #expect(document.text.contains(paragraph1))
        #expect(document.text.contains(paragraph2) && document.text.contains(paragraph3))
    }
}

extension HTMLCleaningTests {
    /// A page whose schema.org markup says it is a discussion (a forum thread, a question and its
    /// answers), in microdata or in JSON-LD, is all of its posts; the same page without the markup is
    /// cleaned as an article in chunks of one class (`articleChunks`): its posts' texts too, and
    /// without them when that setting is off.
    @Test func discussionPageKeepsEveryPost() throws {
        let reply = "I live by the old harbour and the water reached our door twice this winter, so two metres sounds like the least they could do."
        let posts = [(paragraph1 + "</p><p>" + paragraph2), paragraph3, reply].enumerated().map { index, text in
            "<div class=\"topic-post\"><div class=\"names\"><a href=\"/u/user\(index)\">user\(index)</a></div>"
                + "<div class=\"post\"><p>\(text)</p></div></div>"
        }.joined()
        let thread = "<h1>Harbour wall vote</h1>\(posts)"
        let chrome = "<nav><a href=\"/\">Home</a> <a href=\"/latest\">Latest</a> <a href=\"/top\">Top</a></nav>"
        let footer = "<footer><p>Powered by forum software, best viewed with JavaScript enabled</p></footer>"
        let microdata = try cleaner().clean(html(chrome + "<div id=\"main\" itemscope itemtype=\"https://schema.org/DiscussionForumPosting https://schema.org/CreativeWork\">"
                                                 + thread + "</div>" + footer))
        let jsonLD = try cleaner().clean(html(chrome + "<div id=\"main\">" + thread + "</div>" + footer,
                                              head: "<script type=\"application/ld+json\">{\"@context\": \"https://schema.org\", \"@type\": \"QAPage\", "
                                                  + "\"mainEntity\": {\"@type\": \"Question\", \"name\": \"Harbour wall vote\"}}</script>"))
        for document in [microdata, jsonLD] {
            for text in [paragraph1, paragraph2, paragraph3, reply] { #expect(document.text.contains(text)) }
            #expect(!document.text.contains("Powered by forum software"))
            #expect(!document.text.contains("Latest"))
        }
        let article = try cleaner().clean(html(chrome + "<div id=\"main\">" + thread + "</div>" + footer))
        for text in [paragraph1, paragraph2, paragraph3, reply] { #expect(article.text.contains(text)) }
        var settings = CleanSettings()
        settings.articleChunks = false
        let opening = try Cleaner(settings: settings, lexicon: CleanLexicon.load(from: TestPaths.pipelines))
            .clean(html(chrome + "<div id=\"main\">" + thread + "</div>" + footer))
        #expect(opening.text.contains(paragraph1) && opening.text.contains(paragraph2))
        #expect(!opening.text.contains(paragraph3) && !opening.text.contains(reply))
    }

    /// On a forum thread, posts whose class or id says "comment" (schema.org calls a thread's replies
    /// its comments) are its text; on a question-and-answers page, comments under the posts are still
    /// dropped, and on an article they are the comment section.
    @Test func forumPostsNamedCommentsStayAndRemarksUnderAnswersGo() throws {
        let reply = "I live by the old harbour and the water reached our door twice this winter, so two metres sounds like the least they could do."
        let remark = "Could you add a source for the cost figure, please? The council's own report says something rather different."
        let chrome = "<nav><a href=\"/\">Home</a> <a href=\"/latest\">Latest</a> <a href=\"/top\">Top</a></nav>"
        let posts = [(paragraph1 + "</p><p>" + paragraph2), paragraph3, reply].enumerated().map { index, text in
            "<div id=\"comment-\(index)\" class=\"comment\"><span class=\"author\"><a href=\"/u/\(index)\">user\(index)</a></span>"
                + "<div class=\"comment-body\"><p>\(text)</p></div></div>"
        }.joined()
        func jsonLD(_ type: String) -> String {
            "<script type=\"application/ld+json\">{\"@context\": \"https://schema.org\", \"@type\": \"\(type)\", \"headline\": \"Harbour wall vote\"}</script>"
        }
        let thread = try cleaner().clean(html(chrome + "<div id=\"main\"><h1>Harbour wall vote</h1>\(posts)</div>", head: jsonLD("DiscussionForumPosting")))
        for text in [paragraph1, paragraph2, paragraph3, reply] { #expect(thread.text.contains(text)) }
        // Posts as <article>s: the thread is every <article> of the opening post's class.
        let articlePosts = posts.replacingOccurrences(of: "<div id=\"comment-", with: "<article id=\"comment-")
            .replacingOccurrences(of: "</p></div></div>", with: "</p></div></article>")
        let articleThread = try cleaner().clean(html(chrome + "<div id=\"main\"><h1>Harbour wall vote</h1>\(articlePosts)</div>",
                                                     head: jsonLD("DiscussionForumPosting")))
        for text in [paragraph1, paragraph2, paragraph3, reply] { #expect(articleThread.text.contains(text)) }

        let answers = [(paragraph1 + "</p><p>" + paragraph2), paragraph3 + "</p><p>" + reply].map { text in
            "<div class=\"answer\"><div class=\"post-body\"><p>\(text)</p></div><div class=\"comments\"><p>\(remark)</p></div></div>"
        }.joined()
        let qa = try cleaner().clean(html(chrome + "<div id=\"main\"><h1>Harbour wall vote</h1>\(answers)</div>", head: jsonLD("QAPage")))
        for text in [paragraph1, paragraph2, paragraph3, reply] { #expect(qa.text.contains(text)) }
        #expect(!qa.text.contains(remark))

        let article = try cleaner().clean(html(chrome + "<div id=\"main\"><h1>Harbour wall vote</h1>\(posts)</div>"))
        #expect(!article.text.contains(reply))
    }
}

@Suite struct ListingPageTests {
    /// A section front: two paragraphs of introduction above a long list of headlines.
    func sectionFront(head: String = "", itemClass: String = "") -> NormalizedDocument {
        let headlines = (1...24).map { "<li class=\"\(itemClass)\"><a href=\"/harbour/\($0)\">Harbour story number \($0): what the council decided about the old wall this week</a></li>" }
        return html("<main><h1>Harbour news</h1><div><p>\(paragraph1)</p><p>\(paragraph2)</p></div><ul>\(headlines.joined())</ul></main>", head: head)
    }

    @Test func aShortIntroductionAboveManyHeadlinesIsAListing() throws {
        let cleaned = try cleaner().clean(sectionFront())
        #expect(cleaned.text.isEmpty)
        #expect(cleaned.listing?.contains("Harbour story number 24") == true)
        #expect(cleaned.emptyReason?.hasPrefix("not an article") == true)
    }

    /// Archive and category menus give each entry its count; such a run is a menu, not items.
    @Test func menuEntriesWithTheirCountsAreMenuItems() {
        func item(_ text: String) -> Bool { Cleaner.isMenuItem(RawBlock(type: "paragraph", text: text, level: nil, linkCharacters: 0)) }
        #expect(item("November (113)"))
        #expect(item("Power Banks (158)"))
        #expect(item("Radios"))
        #expect(!item("Rates (see below)"))
        #expect(!item("The council voted (113)."))
        #expect(!item("Harbour wall vote costs more than planned (2)"))
    }

    /// Items named like teasers are pruned from an article page; on a section front they are its listing.
    @Test func aListingKeepsItemsNamedLikeTeasers() throws {
        let cleaned = try cleaner().clean(sectionFront(itemClass: "teaser related-story"))
        #expect(cleaned.text.isEmpty)
        #expect(cleaned.listing?.contains("Harbour story number 24") == true)
    }

    @Test func aPageThatSaysItIsAnArticleKeepsItsShortText() throws {
        for head in ["<meta property=\"og:type\" content=\"article\">",
                     "<script type=\"application/ld+json\">{\"@type\": \"NewsArticle\", \"headline\": \"Harbour news\"}</script>"] {
            let cleaned = try cleaner().clean(sectionFront(head: head))
            #expect(cleaned.text.contains(paragraph2))
            #expect(cleaned.listing == nil)
        }
    }
}

@Suite struct StreamedSegmentTests {
    /// A page as React streams it: the article's paragraphs are hidden segments after the footer, and
    /// the page's script calls say which placeholder each one fills.
    func streamedPage(scripts: Bool) -> NormalizedDocument {
        let calls = scripts ? "<script>$RC(\"B:0\",\"S:7\")</script><script>$RS(\"S:1\",\"P:1\")</script>" : ""
        return html("<nav><a href=\"/\">Home</a> <a href=\"/world\">World</a></nav>"
            + "<div class=\"story\"><h1>Harbour wall vote</h1><p>\(paragraph3)</p>"
            + "<template id=\"B:0\"></template><div>Loading paragraph...</div><template id=\"P:1\"></template></div>"
            + "<footer><p>Contact us</p></footer>"
            + "<div hidden id=\"S:1\"><p>\(paragraph2)</p></div><div hidden id=\"S:7\"><p>\(paragraph1)</p></div>"
            + "<div hidden id=\"drawer\"><p>A hidden drawer that is not a segment stays out of the article, whatever it says at length here.</p></div>"
            + calls)
    }

    @Test func segmentsTakeTheirPlaceholdersPlaces() throws {
        let cleaned = try cleaner().clean(streamedPage(scripts: true))
        let order = [paragraph3, paragraph1, paragraph2].map { cleaned.text.range(of: $0)?.lowerBound }
        #expect(order.allSatisfy { $0 != nil })
        #expect(order.compactMap { $0 } == order.compactMap { $0 }.sorted())
        #expect(!cleaned.text.contains("Loading"))
        #expect(!cleaned.text.contains("hidden drawer"))
    }

    @Test func withoutItsScriptsASegmentGoesToThePlaceholderOfItsNumberOrStaysVisible() throws {
        let page = streamedPage(scripts: false)
        let root = try HTMLTree.parse(page.content)
        #expect(StreamedSegments.resolve(root, moves: []) == 1)  // S:1 to P:1; nothing numbered 7 for S:7
        let story = try #require(root.first(where: { $0["class"] == "story" }))
        #expect(story.textContent.contains(paragraph2))
        let left = try #require(root.first(where: { $0["id"] == "S:7" }))
        #expect(left["hidden"] == nil)
        #expect(root.first(where: { $0["id"] == "drawer" })?["hidden"] != nil)
    }

    @Test func readsTheScriptCallsAndTheSegmentIDs() {
        let page = Array("<div hidden id=\"S:a\"></div><script>$RC(\"B:2\",\"S:a\");$RS('S:5', 'P:5');$R(\"x\")</script>".utf8)
        page.withUnsafeBufferPointer { bytes in
            #expect(StreamedSegments.mayHaveSegments(bytes))
            let moves = StreamedSegments.scriptMoves(bytes)
            #expect(moves.map(\.segment) == ["S:a", "S:5"])
            #expect(moves.map(\.placeholder) == ["B:2", "P:5"])
        }
        Array("<p>USA: S:1 means nothing here</p>".utf8).withUnsafeBufferPointer { #expect(!StreamedSegments.mayHaveSegments($0)) }
    }
}

@Suite struct PlainTextCleaningTests {
    @Test func seedLikeTextLosesItsChrome() throws {
        let text = """
        Skip to main content

        Iran vows to back Hezbollah in fight with Israel as general renews threat

        \(paragraph1)

        US CITIZENS SUE STATE SPONSORS OF TERRORISM FOR AIDING ATTACKS

        \(paragraph2)

        Data & News supplied by www.cloudquote.io
        Stock quotes supplied by Barchart
        Quotes delayed at least 20 minutes.
        By accessing this page, you agree to the following
        Privacy Policy and Terms and Conditions.
        """
        let document = try cleaner().clean(plain(text))
        #expect(document.header.title == "Iran vows to back Hezbollah in fight with Israel as general renews threat")
        #expect(document.text.hasPrefix("Iran vows to back Hezbollah"))
        #expect(document.text.contains(paragraph1) && document.text.contains(paragraph2))
        for dropped in ["Skip to main content", "US CITIZENS", "supplied by", "Quotes delayed", "By accessing", "Privacy Policy"] {
            #expect(!document.text.contains(dropped), "dropped: \(dropped)")
        }
        #expect(document.blocks.first?.type == "heading")
    }

    /// Byline markup read element by element: "<span>Written By</span><a>Jane Roe</a>" is Jane Roe.
    @Test func bylineElementsDoNotRunTogether() throws {
        let page = html("<div class=\"byline\"><span>Written By</span><a href=\"/jane\">Jane Roe</a><span>Senior Writer</span></div><article><h1>Harbour wall vote</h1><p>\(paragraph1)</p><p>\(paragraph2)</p></article>")
        let document = try cleaner().clean(page)
        #expect(document.header.authors == ["Jane Roe"])
    }

    /// A "Written by" label on its own line names the author in the block after it; "Written by Jane
    /// Roe" on one line is a byline as "By Jane Roe" is.
    @Test func aWrittenByLabelNamesTheAuthorAfterIt() throws {
        let apart = html("<main><p>Written by</p><p>Edzel Tabing</p><h1>Harbour wall vote</h1><p>\(paragraph1)</p><p>\(paragraph2)</p></main>")
        #expect(try cleaner().clean(apart).header.authors == ["Edzel Tabing"])
        let together = html("<main><p>Written by Moses Kim and Kate Shokurova</p><h1>Harbour wall vote</h1><p>\(paragraph1)</p><p>\(paragraph2)</p></main>")
        let document = try cleaner().clean(together)
        #expect(document.header.authors == ["Moses Kim", "Kate Shokurova"])
        #expect(!document.text.contains("Written by"))
    }

    /// WordPress (Yoast) names the author in its Twitter card labels; a login name there is no author.
    @Test func aTwitterCardWrittenByLabelNamesTheAuthor() throws {
        func authors(_ data: String) throws -> [String] {
            let head = "<meta name=\"twitter:label1\" content=\"Written by\"><meta name=\"twitter:data1\" content=\"\(data)\">"
                + "<meta name=\"twitter:label2\" content=\"Est. reading time\"><meta name=\"twitter:data2\" content=\"4 minutes\">"
            return try cleaner().clean(html("<article><h1>Harbour wall vote</h1><p>\(paragraph1)</p><p>\(paragraph2)</p></article>", head: head)).header.authors
        }
        #expect(try authors("Chase Bernath") == ["Chase Bernath"])
        #expect(try authors("aawoods") == [])
    }

    /// A text of one line is its story, not a headline over nothing; so is a first line too long for a
    /// headline (a story without its headline line).
    @Test func aTextOfOneLineIsItsStory() throws {
        let short = try cleaner().clean(plain("The council approved the sea wall on Tuesday after a long debate.\n"))
        #expect(short.text == "The council approved the sea wall on Tuesday after a long debate.")
        #expect(short.emptyReason == nil && short.header.title == nil && short.blocks.map(\.type) == ["paragraph"])
        let long = try cleaner().clean(plain("\(paragraph1) \(paragraph2)\n\n\(paragraph3)\n"))
        #expect(long.header.title == nil)
        #expect(long.text.hasPrefix(paragraph1) && long.text.contains(paragraph3) && long.blocks.count == 2)
        // A headline line over the story stays the title.
        let titled = try cleaner().clean(plain("Harbour wall approved after a long debate\n\n\(paragraph1)\n"))
        #expect(titled.header.title == "Harbour wall approved after a long debate" && titled.text.contains(paragraph1))
    }

    /// A text with a paragraph per line (lines longer than a fixed width) keeps its paragraphs; a text
    /// wrapped at a fixed width joins its lines.
    @Test func aTextWithAParagraphPerLineKeepsItsParagraphs() throws {
        let lines = try cleaner().clean(plain("Harbour wall approved after a long debate\n\(paragraph1)\n\(paragraph2)\n\(paragraph3)\n"))
        #expect(lines.blocks.map(\.type) == ["heading", "paragraph", "paragraph", "paragraph"])
        #expect(lines.text.contains(paragraph2 + "\n\n" + paragraph3))
        let wrapped = try cleaner().clean(plain("Harbour wall approved after a long debate\n\nThe council approved the wall on Tuesday.\nIt will cost $412 million, the mayor said,\nand work starts in the autumn.\n"))
        #expect(wrapped.blocks.map(\.type) == ["heading", "paragraph"])
        #expect(wrapped.text.hasSuffix("The council approved the wall on Tuesday. It will cost $412 million, the mayor said, and work starts in the autumn."))
    }

    @Test func bylineAndDatelineBecomeMetadata() throws {
        let text = "Menu\nSign in\n\nWildfire doubles in size overnight as thousands flee\n\nBy Carmen Delgado and Aaron Whitlock, Ledger staff writers\nPublished July 18, 2024 at 6:45 a.m. | Updated 9:10 a.m.\n\n\(paragraph1)\n\n© 2024 The Ledger. All rights reserved.\n"
        let document = try cleaner().clean(plain(text))
        #expect(document.header.authors == ["Carmen Delgado", "Aaron Whitlock"])
        #expect(document.header.published == "2024-07-18")
        #expect(document.header.title == "Wildfire doubles in size overnight as thousands flee")
        #expect(!document.text.contains("Menu") && !document.text.contains("Ledger staff"))
    }
}

@Suite struct AuthorTests {
    @Test(arguments: [
        ("By Jane Roe and John Doe", ["Jane Roe", "John Doe"]),
        ("By JANE ROE, Staff Writer", ["Jane Roe"]),
        ("Jane Roe | March 3, 2024", ["Jane Roe"]),
        ("By Staff", []),
        ("jane@example.com", []),
        ("@janeroe", []),
        ("Jane Roe and 3 others", ["Jane Roe"]),
        ("Reuters", []),
        ("Ludwig van Beethoven; Ana de la Cruz", ["Ludwig van Beethoven", "Ana de la Cruz"]),
        ("Aleksandar Stevanovic Senior Writer", ["Aleksandar Stevanovic"]),
        ("Senior Political Correspondent Jane Roe", ["Jane Roe"]),
        ("Staff Writer", []),
        ("Andrew Bosworth, Chief Technology Officer", ["Andrew Bosworth"]),
        ("Lauren Manaker MS, RDN, LD", ["Lauren Manaker"]),
        ("Ayeesha Walsh, Image: Instagram", ["Ayeesha Walsh"]),
        ("Full Bio", []),
        ("Courtney Carr Courtney Carr", ["Courtney Carr"]),
        ("Written By Stephen Jesudunsin", ["Stephen Jesudunsin"]),
        ("By Summer Swann -", ["Summer Swann"]),
        ("Author Isaiah Shelton", ["Isaiah Shelton"]),
        ("Your Name", []),
        ("Charles Fried, Contributing Opinion Writer", ["Charles Fried"]),
        ("Dylan Bailey, MS, RD, FAND", ["Dylan Bailey"]),
        ("Jane Roe, AP, John Doe", ["Jane Roe", "John Doe"]),
        ("Cazzy Magennis Last updated: June 3", ["Cazzy Magennis"]),
        ("The Associated Press.", []),
        ("Written by Moses Kim and Kate Shokurova", ["Moses Kim", "Kate Shokurova"]),
    ])
    func namesOnly(raw: String, expected: [String]) {
        #expect(Authors.names(from: raw) == expected)
    }
}

@Suite struct TitleTests {
    @Test func siteNameComesOff() {
        #expect(Text.stripSiteName("Council backs wall | The Gazette", site: "The Gazette") == "Council backs wall")
        #expect(Text.stripSiteName("The Gazette - Council backs wall", site: "The Gazette") == "Council backs wall")
        #expect(Text.stripSiteName("A long headline about the council and the wall - Gazette", site: nil) == "A long headline about the council and the wall")
    }
}

@Suite struct NearDuplicateTests {
    @Test func closeHashesClusterAndFarOnesDoNot() {
        let finder = NearDuplicates(maxDistance: 3, minCharacters: 0)
        let base: UInt64 = 0x0123_4567_89AB_CDEF
        let clusters = finder.clusters([
            ("b-copy", base ^ 0b101),            // 2 bits away
            ("a-original", base),
            ("c-chain", base ^ 0b101 ^ (1 << 40)), // 1 bit from the copy, 3 from the original
            ("z-other", ~base),
        ])
        #expect(clusters["a-original"] == "a-original")
        #expect(clusters["b-copy"] == "a-original")
        #expect(clusters["c-chain"] == "a-original")
        #expect(clusters["z-other"] == nil)
    }

    /// The cluster is written into a clean file in place; the bytes must be those of encoding the
    /// changed document, whatever the text holds (a line break, a quotation mark, the member's own name).
    @Test func clusterRewrittenInPlaceEqualsReencoding() throws {
        var document = try cleaner().clean(html("<h1>Wall</h1><p>\(paragraph1)</p><p>\"cluster\" : null,\n  \"cluster\" : x</p>"))
        for (from, to) in [(nil, "a/b \"c\""), ("a/b \"c\"", "0001-x"), ("0001-x", nil), (nil, nil)] as [(String?, String?)] {
            document.cluster = from
            let before = try JSONFiles.encode(document)
            document.cluster = to
            let patched = try #require(try JSONFiles.replacingTopLevelValue(of: "cluster", in: before, with: to))
            #expect(patched == (try JSONFiles.encode(document)))
        }
        // Not a string or null, or not there: the caller has to re-encode.
        #expect(try JSONFiles.replacingTopLevelValue(of: "cluster", in: Data("{\n  \"cluster\" : 3\n}\n".utf8), with: "a") == nil)
        #expect(try JSONFiles.replacingTopLevelValue(of: "cluster", in: Data("{\n  \"other\" : null\n}\n".utf8), with: "a") == nil)
    }

    /// The SimHash counts bits eight at a time; its answer is the plain count's: a bit is set when more
    /// than half of the trigram hashes set it.
    @Test func simHashIsTheMajorityOfItsTrigramHashes() {
        func reference(_ text: String) -> UInt64 {
            let words = text.lowercased().split(whereSeparator: { !($0.isLetter || $0.isNumber) }).map { word -> UInt64 in
                word.unicodeScalars.reduce(UInt64(0xcbf29ce484222325)) { ($0 ^ UInt64($1.value)) &* 0x100000001b3 }
            }
            guard !words.isEmpty else { return 0 }
            var hashes: [UInt64] = []
            if words.count < 3 {
                hashes = [(words.count == 2 ? words[0] : 0) ^ words[words.count - 1]]
            } else {
                for i in 2..<words.count {
                    var h = words[i - 2] &* 0x9E3779B97F4A7C15
                    h = (h ^ words[i - 1]) &* 0xC2B2AE3D27D4EB4F
                    h = (h ^ words[i]) &* 0x165667B19E3779F9
                    hashes.append(h ^ (h >> 29))
                }
            }
            var result: UInt64 = 0
            for bit in 0..<64 where 2 * hashes.filter({ ($0 >> UInt64(bit)) & 1 == 1 }).count > hashes.count { result |= 1 << UInt64(bit) }
            return result
        }
        let long = (1...700).map { "word\($0 % 97) number \($0)" }.joined(separator: " ")  // more than 255 trigrams
        for text in ["", "one", "two words", "three small words", "The harbour wall will rise by two metres.", long] {
            #expect(SimHash.value(of: text) == reference(text), "\(text.prefix(40))")
        }
    }

    /// During a run, copies of a story cleaned after its first copy are written with their cluster at
    /// once; a document close to nothing keeps the cluster of the last run.
    @Test func runningGuessesFollowTheCopiesSeenSoFar() {
        let finder = NearDuplicates(maxDistance: 3, minCharacters: 0)
        let base: UInt64 = 0x0123_4567_89AB_CDEF
        func hex(_ value: UInt64) -> String { String(format: "%016llx", value) }
        let running = RunningClusters(finder: finder, previous: ["d-alone": "old-cluster", "a-first": "a-first"])
        #expect(running.guess(id: "b-first", digest: hex(base)) == nil)           // nothing seen yet
        #expect(running.guess(id: "c-copy", digest: hex(base ^ 0b11)) == "b-first")
        #expect(running.guess(id: "e-copy", digest: hex(base ^ 0b111)) == "b-first")  // 1 bit from c, 3 from b
        #expect(running.guess(id: "a-first", digest: hex(base ^ (1 << 50))) == "a-first")
        #expect(running.guess(id: "d-alone", digest: hex(~base)) == "old-cluster")
        #expect(running.guess(id: "f-short", digest: "") == nil)
    }

    /// Clusters and running guesses are those of comparing every pair: the bands find every pair
    /// within the distance, whatever order the hashes come in.
    @Test func bandsFindWhatComparingEveryPairFinds() {
        let finder = NearDuplicates(maxDistance: 3, minCharacters: 0)
        var generator = SplitMix64(seed: 7)
        var hashes: [(id: String, simhash: UInt64)] = []
        for story in 0..<40 {
            let base = UInt64.random(in: .min ... .max, using: &generator)
            for copy in 0..<Int.random(in: 1...8, using: &generator) {
                var hash = base
                for _ in 0..<Int.random(in: 0...5, using: &generator) { hash ^= 1 << UInt64.random(in: 0..<64, using: &generator) }
                hashes.append(("s\(story)-\(copy)-\(UInt32.random(in: 0 ... .max, using: &generator))", hash))
            }
        }
        hashes.shuffle(using: &generator)

        // Every pair, joined through chains; each cluster named by its smallest id.
        var cluster = Dictionary(uniqueKeysWithValues: hashes.map { ($0.id, $0.id) })
        var changed = true
        while changed {
            changed = false
            for a in hashes { for b in hashes where SimHash.distance(a.simhash, b.simhash) <= 3 {
                let name = min(cluster[a.id]!, cluster[b.id]!)
                if cluster[a.id] != name { cluster[a.id] = name; changed = true }
                if cluster[b.id] != name { cluster[b.id] = name; changed = true }
            } }
        }
        var members: [String: Int] = [:]
        for name in cluster.values { members[name, default: 0] += 1 }
        let expected = cluster.filter { members[$0.value]! > 1 }
        #expect(!expected.isEmpty && expected.count < hashes.count)
        #expect(finder.clusters(hashes) == expected)

        // A running guess: the smallest guess (or id) of the documents seen before within the distance.
        let running = RunningClusters(finder: finder, previous: [:])
        var guesses: [String: String] = [:]
        for (index, item) in hashes.enumerated() {
            var near: String?
            for other in hashes[..<index] where SimHash.distance(other.simhash, item.simhash) <= 3 {
                let theirs = guesses[other.id] ?? other.id
                near = min(near ?? theirs, theirs)
            }
            let guess = near.map { min($0, item.id) }
            if let guess { guesses[item.id] = guess }
            #expect(running.guess(id: item.id, digest: String(format: "%016llx", item.simhash)) == guess)
        }
    }

    /// The clean stage writes its documents with its own JSON writer: the bytes must be Foundation's.
    @Test func ownJSONWriterGivesFoundationsBytes() throws {
        var document = try cleaner().clean(html("<h1>Wall \"quoted\" \\ back/slash</h1><p>\(paragraph1)</p><ul><li>\(paragraph2)</li></ul>",
                                                head: "<title>T</title><meta name='author' content='Ann Lee'><meta name='keywords' content='a, b'>"))
        #expect(try document.prettyJSON() == JSONFiles.encode(document))
        document.cluster = "c/1"
        document.text += "\u{0}\u{1}\u{8}\t\n\u{b}\u{c}\r\u{1f}\u{7f}\u{2028}é😀"
        document.removed = [RemovedText(text: "Share\tthis", reason: "class or id: share")]
        document.metadataSources = ["title": "og", "Zeta": "x", "authors": "meta", "a1": "1", "a10": "10", "a2": "2"]
        document.tags = []
        document.listing = "one\n\ntwo"
        document.emptyReason = "none"
        document.blocks.append(Block(type: "heading", start: 0, end: 1, level: 2))
        #expect(try document.prettyJSON() == JSONFiles.encode(document))
        let empty = try cleaner().clean(html(""))
        #expect(try empty.prettyJSON() == JSONFiles.encode(empty))
    }

    @Test func syndicatedTextsHaveCloseHashes() {
        let article = (1...40).map { "Sentence number \($0) of the wire story says something about the harbour wall." }.joined(separator: " ")
        let copy = "Riverside Ledger. " + article + " Share this story."
        #expect(SimHash.distance(SimHash.value(of: article), SimHash.value(of: copy)) <= 3)
        let other = (1...40).map { "A different report, line \($0), covers the election count in the north." }.joined(separator: " ")
        #expect(SimHash.distance(SimHash.value(of: article), SimHash.value(of: other)) > 10)
    }
}

/// libxml2 never loads external entities or DTDs and never touches the network (HTML_PARSE_NONET, no
/// entity substitution): a page cannot make the cleaner read a local file or a URL.
@Suite struct ParserSafetyTests {
    @Test func externalEntitiesAndDTDsAreNotLoaded() throws {
        let secret = TemporaryFolder()
        let path = secret.write("secret.txt", "TOP-SECRET-LINE")
        // A DTD on a closed port: loading it would either fail slowly or leak the attempt.
        let page = NormalizedDocument(
            id: "t", source: "t.html", provenance: Provenance(kind: "file", location: "t.html"), mediaType: "text/html",
            charset: CharsetDecision(name: "UTF-8", decidedBy: "test"),
            content: """
            <?xml version="1.0"?>
            <!DOCTYPE html SYSTEM "http://127.0.0.1:1/evil.dtd" [
              <!ENTITY secret SYSTEM "file://\(path)">
              <!ENTITY remote SYSTEM "http://127.0.0.1:1/remote.txt">
            ]>
            <html><body><article><p>\(paragraph1) &secret; &remote;</p><p>\(paragraph2)</p><p>\(paragraph3)</p></article></body></html>
            """)
        let start = Date()
        let clean = try cleaner().clean(page)
        #expect(!clean.text.contains("TOP-SECRET-LINE"))
        #expect(clean.text.contains("harbour wall"))
        #expect(Date().timeIntervalSince(start) < 5)
    }
}

@Suite struct TextHelperTests {
    @Test func collapseFoldsEveryKindOfWhiteSpace() {
        #expect(Text.collapse("  a \t\n b  ") == "a b")
        // No-break, ideographic and zero-width spaces count as white space; other non-ASCII is copied whole.
        #expect(Text.collapse("Zürich\u{00A0}\u{00A0}und\u{3000}東京\u{200B}😀 ") == "Zürich und 東京 😀")
        #expect(Text.collapse("\u{2003}\u{200B}") == "")
        #expect(Text.collapse("") == "")
    }

    @Test func byteCountsAgreeWithScalarCounts() {
        let samples = ["", " \t\n", "a b", "Zürich\u{00A0}und\u{3000}東京 😀", "\u{1680}\u{2000}\u{200A}\u{2028}\u{2029}\u{202F}\u{205F}\u{0085}x",
                       "\u{200B}zero-width is not white space", "“Quoted,” she said — ¶ 12,5 ，full-width",
                       "var x = {a: 1,\tb:\n2};\r\n\u{0B}\u{0C} if (x) { y(); }   // eight bytes at a time, then the rest é",
                       String(repeating: "ab \t\u{1F}\u{7F}~\u{08}\u{0E}", count: 9)]
        for sample in samples {
            #expect(Text.nonWhitespaceCount(sample) == sample.unicodeScalars.filter { !UnicodeText.isWhitespace($0) }.count, "\(sample)")
            #expect(Text.trimWhiteSpace(sample) == sample.trimmingCharacters(in: .whitespacesAndNewlines), "\(sample)")
            #expect(Text.count(of: sample, upTo: 5) == min(sample.count, 5))
            #expect(ContentFinder.commas(in: sample) == sample.filter { $0 == "," || $0 == "，" }.count)
            #expect(Text.normalizes(sample, to: Text.normalize(sample)))
        }
        #expect(!Text.normalizes("The title, again", to: Text.normalize("The title")))
        #expect(Text.containsBytes("storyShareBar byline-wrap", "byline") && !Text.containsBytes("by", "byline"))
    }

    /// Counting characters without walking grapheme clusters must give the walk's answer, at every limit.
    @Test func characterCountsAgreeWithTheStandardLibrary() {
        let samples = ["", "plain ASCII text", "line\r\nbreak\r", "“Curly” — quotes… ‰ €5 ‹x›", "e\u{301}\u{301}x", "Zürich ÆØÅ ǅ ʰ",
                       "flag 🇫🇷🇩🇪 end", "‼\u{FE0F} and ‼ alone", "family 👨‍👩‍👧 x", "한국어 가", "zero\u{200D}width\u{200C}joiners",
                       "\u{2028}\u{2029}\u{2060}", "a\u{0308}\u{0301}b", "\r\n\r\n\n\r", "Москва и\u{0306} ё", "Ελλάδα",
                       "東京都、ひらがな゙ カタカナ", "한국어\u{11A8} ᄀ", "ﾊﾞﾝ ＡＢＣ", "Tiếng Việt", "\u{0483}Ж"]
        for sample in samples {
            for limit in [0, 1, 2, 3, 5, 8, 13, 100] {
                #expect(Text.count(of: sample, upTo: limit) == min(sample.count, limit), "\(sample) up to \(limit)")
            }
        }
    }

    @Test func normalizeKeepsLowerCaseLettersAndDigits() {
        #expect(Text.normalize("Iran's War, 2024!") == "iranswar2024")
        #expect(Text.normalize("ÉCOLE « Élysée » — Straße 5") == "écoleélyséestraße5")
        #expect(Text.normalize("Москва: ВОЙНА") == "москвавойна")
        #expect(Text.normalize("“ ” — …") == "")
    }

    @Test func languageIsReadFromStopWordsWhateverTheirNumber() throws {
        let lexicon = try CleanLexicon.load(from: TestPaths.pipelines)
        let german = String(repeating: "Die Regierung und der Rat haben sich nicht auf den Plan geeinigt, aber es ist noch Zeit. ", count: 5)
        #expect(Language.decide(declared: "en", text: german, stopWords: lexicon.stopWordLanguages, minEvidence: 20).code == "de")
        #expect(Language.decide(declared: "de-DE", text: german, stopWords: lexicon.stopWordLanguages, minEvidence: 20).source
            == "declared, checked against the text")
        #expect(Language.decide(declared: "fr", text: "Short.", stopWords: lexicon.stopWordLanguages, minEvidence: 20).code == "fr")
    }
}

@Suite struct PatternGateTests {
    @Test func wordsComeFromTheFirstRequiredGroupOrLiteral() {
        #expect(PatternGate.requiredWords(of: #"^\s*(read more|continue reading)\W*$"#) == ["read more", "continue reading"])
        #expect(PatternGate.requiredWords(of: #"^.{0,120}all rights reserved\.?\s*$"#) == ["all rights reserved"])
        #expect(PatternGate.requiredWords(of: #"^.{0,80}\b(data|quotes?)( & news)? provided"#) == ["data", "quote"])
        #expect(PatternGate.requiredWords(of: #"^\s*\(?(getty images|reuters)[^.]{0,60}\)?\s*$"#) == ["getty images", "reuters"])
        #expect(PatternGate.requiredWords(of: #"^\s*(more (stories|from [\w\s]{1,30})|related)\W*$"#) == ["more ", "related"])
        // An optional group is passed over; a word without case ("©") may be other than ASCII.
        #expect(PatternGate.requiredWords(of: #"^\s*(\d+\s+)?comments?\W*$"#) == ["comment"])
        #expect(PatternGate.requiredWords(of: #"^\s*(©|\(c\)|copyright)\s*\d{4}"#) == ["©", "(c)", "copyright"])
        // No gate: a class first, a word with case that is not ASCII ("ⓒ" is also "Ⓒ").
        #expect(PatternGate.requiredWords(of: #"^\s*([^|.!?]{1,30}\|){2,}[^|.!?]{1,30}$"#) == ["|"])
        #expect(PatternGate.shape(of: #"^\s*([^|.!?]{1,30}\|){2,}[^|.!?]{1,30}$"#).first?.lead == nil)
        #expect(PatternGate.requiredWords(of: #"^\s*([^|]{1,30}\|){0,3}x"#) == ["x"])
        // Every required part gives a clause; a group that starts with a group reads that one.
        #expect(PatternGate.shape(of: #"^.{0,80}\b(data|news)( & news)? (is |are )?(supplied|provided) by\b"#).map(\.words)
                == [["data", "news"], [" "], ["supplied", "provided"], [" by"]])
        #expect(PatternGate.requiredWords(of: #"^\s*((top|latest) (stories|news)|in other news)\W*$"#) == ["top", "latest", "in other news"])
        #expect(PatternGate.literalSuffix(#"[^|]{1,30}\|"#) == "|" && PatternGate.literalSuffix(#"x+end"#) == "end"
                && PatternGate.literalSuffix(#"ab?"#) == nil && PatternGate.literalSuffix(#"a\s"#) == nil)
        #expect(PatternGate.requiredWords(of: #"^.{0,80}(ⓒ|©|copyright)"#) == nil)
        #expect(PatternGate.requiredWords(of: #"^\s*advert|sponsored$"#) == nil)
        // Anchored: only the start of the block is looked at.
        #expect(PatternGate.shape(of: #"^\s*\(?(getty images|reuters)"#).first?.lead == [.whiteSpace, .optionalParenthesis])
        #expect(PatternGate.shape(of: #"^.{0,80}(sign up|subscribe)"#).first?.lead == [.anyCharacters(80)])
        #expect(PatternGate.shape(of: #".{0,80}(sign up|subscribe)"#).first?.lead == nil)
        let window = PatternGate(pattern: #"^.{0,10}(subscribe)"#)
        #expect(window.admits(.init("Please — SUBSCRIBE now")) && !window.admits(.init("Please read this first, then subscribe")))
        let gate = PatternGate(pattern: #"^\s*\(?(getty images|reuters)"#)
        #expect(gate.admits(.init("\u{00A0} (Reuters) photo")) && gate.admits(.init("REUTERS")))
        #expect(!gate.admits(.init("A picture from Reuters")))
    }

    @Test func aGateNeverHidesAMatch() throws {
        let lexicon = try CleanLexicon.load(from: TestPaths.pipelines)
        let lines = ["Skip to main content", "READ MORE: The ten best beaches", "Share this article", "Follow us on Twitter",
                     "Sign up for our free newsletter", "ADVERTISEMENT", "We use cookies to improve your experience. Accept all cookies",
                     "Photo: Jane Doe/Reuters", "Illustrations: Tim Boelaars", "(Getty Images)", "Market data provided by FactSet", "Quotes delayed at least 15 minutes",
                     "By accessing this page, you agree to our terms", "Privacy Policy | Terms of Use", "© 2024 Example Media",
                     "Copyright 2024 Example. ALL RIGHTS RESERVED.", "12 comments", "Leave a comment", "Back to top",
                     "You might also like", "Home | News | Sport | Weather", "Published 3 hours ago", "Image 3 of 12",
                     "Get our newsletters in your inbox", "ſhare", "Kelvin: SHARE ON FACEBOOK",
                     "   Advertisement", "\u{00A0}\u{2003}Share this story", "\t(AFP PHOTO)", "\u{200B}Read more",
                     "Loading specifications…", "Please wait...", "Lorem ipsum dolor sit amet, consectetur adipiscing elit.",
                     "Share this article with your friends", "Like this:", "Join our mailing list for weekly updates",
                     "Summarize with AI:", "As an Amazon Associate, this website earns from qualifying purchases.",
                     "Disclosure: As an Affiliate Marketer, I earn from qualifying purchases. I may receive a commission.",
                     "This post may contain affiliate links, view my full disclosure policy.",
                     "Did you make one of my recipes? Please take a moment to leave a star rating.", "Table of Contents",
                     "IN THIS ARTICLE", "Page 1 of 8", "Written by Cassidy Horton", "PIN FOR LATER", "You might like",
                     "Feature image by Girlfriend Collective, all other images via brands mentioned.",
                     "Join Medium for free to get updates from this writer.", "This story is funded by readers like you.",
                     "Subscribe To This Site", "SHARE YOUR STORY", "Request a Quote", "Get the FREE eBook!",
                     "This article is exclusive to STAT+ subscribers", "after newsletter promotion",
                     "Skip past newsletter promotion", "People are also reading…",
                     "READ: How to survive Pamplona's Running of the Bulls.", "MORE: Storm season brings record flooding",
                     "Scroll down for video", "Scroll down to see more pictures", "Share it", "Already have an account? Log in",
                     "Don’t have an account? Sign up here", "You may be interested in the following topics as well:",
                     "In partnership with", "Catch up on our coverage of tech, and follow us on Facebook and TikTok to stay up to date.",
                     "If you liked this article, please consider sharing it.", "Buy now from one of our trusted retail partners:"]
        for line in lines {
            let folded = PatternGate.Folded(line)
            let start = folded.skippingWhiteSpace(from: 0)
            for (index, (_, regex)) in lexicon.boilerplatePatterns.enumerated()
            where regex.firstMatch(in: line, range: NSRange(location: 0, length: line.utf16.count)) != nil {
                #expect(lexicon.boilerplateGates[index].admits(folded), "pattern \(index) matches \(line) but its gate refused it")
                if !folded.unsafeToGate && start < folded.bytes.count {
                    #expect(lexicon.boilerplatePatternsByFirstByte[Int(folded.bytes[start])].contains(index), "pattern \(index) not listed for \(line)")
                }
            }
            // The first pattern that matches, asked in order without gates, gives the same reason.
            let plain = lexicon.boilerplatePatterns.first { $0.regex.firstMatch(in: line, range: NSRange(location: 0, length: line.utf16.count)) != nil }?.reason
            #expect(lexicon.boilerplateReason(line) == plain, "\(line)")
        }
        #expect(lines.filter { lexicon.boilerplateReason($0) != nil }.count >= 56)
        #expect(lexicon.boilerplateReason("READ: The generation we love to dump on.") == "read-more")
        // Decoration before the words does not hide chrome; quotation marks and "(" are words' own.
        #expect(lexicon.boilerplateReason("---------- SHARE YOUR STORY") != nil)
        #expect(lexicon.boilerplateReason("[?]Subscribe To This Site") != nil)
        #expect(lexicon.boilerplateReason("• SPONSORED •") != nil)
        #expect(lexicon.boilerplateReason("— The council will vote on the sea wall in March.") == nil)
        #expect(lexicon.boilerplateReason("\"Subscribe,\" she said.") == nil)
        #expect(lexicon.boilerplateReason("More-than-expected losses hit the bank in March.") == nil)
        #expect(lexicon.boilerplateReason("Read the council's full report before the vote.") == nil)
        #expect(lexicon.boilerplateReason("Loading prices for your region…") == "placeholder")
        #expect(lexicon.boilerplateReason("Loading the ship took three days...") == nil)
        #expect(lexicon.boilerplateReason("Scroll down for video") == "prompt")
        #expect(lexicon.boilerplateReason("Share it with the class before Friday.") == nil)
        #expect(lexicon.boilerplateReason("I hope this demo helps. You might also want to follow me on Bluesky at @someone.") == nil)
        #expect(lexicon.boilerplateReason("The firm works in partnership with three universities.") == nil)
        #expect(lexicon.boilerplateReason("Already have an account? Log in to see the rest of the story and comment.") == nil)
        #expect(lexicon.boilerplateReason("Scroll down for video of the rescue, which took four hours.") == nil)
        // Sentences that mention the same words are article text.
        for sentence in ["Readers liked this: the council's plan drew more letters than any story this year.",
                         "Residents were asked to join the mailing list of the flood committee, which met on Tuesday, and most did.",
                         "The tool can summarize with AI, its makers say, but reporters still check every line.",
                         "Disclosure: This article was written by a human, me, with a technical review by a colleague.",
                         "Written by hand over forty years, the diaries fill a whole shelf of the archive.",
                         "The contents of the report were leaked to reporters on Tuesday."] {
            #expect(lexicon.boilerplateReason(sentence) == nil, "\(sentence)")
        }
    }
}

@Suite struct AttributesTests {
    /// Short and long lists (a long one keeps each name's place) behave as a dictionary.
    @Test(arguments: [3, 9, 40])
    func behavesAsADictionary(names: Int) {
        var attributes = Attributes()
        var reference: [String: String] = [:]
        var generator = SystemRandomNumberGenerator()
        for step in 0..<400 {
            let name = "a\(Int.random(in: 0..<names, using: &generator))"
            if Int.random(in: 0..<5, using: &generator) == 0 {
                #expect(attributes.removeValue(forKey: name) == reference.removeValue(forKey: name))
            } else {
                attributes[name] = "v\(step)"
                reference[name] = "v\(step)"
            }
            #expect(attributes.count == reference.count)
            for k in 0..<names { #expect(attributes["a\(k)"] == reference["a\(k)"]) }
        }
    }
}

extension AttributesTests {
    /// An element's class and id, joined and lower-cased in one step, are what `lowercased()` of the
    /// joined string gives, for ASCII (the fast path) and for other text.
    @Test(arguments: [("", ""), ("Story-Body  Main", ""), ("", "ARTICLE_1"), ("a\tB\nc", "Z@[`{"),
                      ("ÉDITO Une", "İd"), ("ﬁle ẞ", "Σ"), ("mixed Ünicode", "plain")])
    func classAndIDJoin(classes: String, id: String) {
        #expect(Node.lowerCasedJoin(classes, id) == (classes + " " + id).lowercased())
    }
}

@Suite struct CompiledPatternTests {
    @Test func gatesReadEscapesWithBracesAndRefuseFlags() {
        #expect(PatternGate.shape(of: #"^\s*by\s+\p{Lu}"#).map(\.words) == [["by"]])
        #expect(PatternGate.shape(of: #"(?x) sign \s up"#).isEmpty)
        #expect(PatternGate.shape(of: #"\Qa.b\E"#).isEmpty)
        #expect(BlockPatterns.byline.matches("  By Jane Doe") && !BlockPatterns.byline.matches("Stand by me"))
        // The name's capital as written: a sentence that opens with "By" is no byline.
        #expect(BlockPatterns.isByline("BY JANE DOE") && BlockPatterns.isByline("by Jane Doe") && BlockPatterns.isByline(" By  Jane Doe"))
        #expect(!BlockPatterns.isByline("By the time you finish, the system will run on its own."))
        #expect(!BlockPatterns.isByline("By default, the new system handles six functions."))
        #expect(BlockPatterns.isByline("Written by Moses Kim") && BlockPatterns.isByline("Posted by: Jane Roe"))
        #expect(!BlockPatterns.isByline("Written by hand, the letters took a week.") && !BlockPatterns.isByline("Nearby Jane Doe"))
        #expect(BlockPatterns.bylineLabel.matches("Written by") && BlockPatterns.bylineLabel.matches("Author:"))
        #expect(!BlockPatterns.bylineLabel.matches("Written by Jane Roe"))
        #expect(BlockPatterns.captionInParentheses.matches("The harbour at dawn (Image: Getty)"))
        #expect(BlockPatterns.captionCredit.matches("The harbour at dawn. Photo: Jane Doe"))
        #expect(BlockPatterns.captionLabel.matches("Image caption The harbour at dawn"))
        #expect(!BlockPatterns.captionLabel.matches("The harbour at dawn"))
    }
}
