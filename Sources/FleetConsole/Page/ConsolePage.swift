/// The console's page for a signed-in browser: an empty shell that `ConsoleScript` fills with
/// the instructor's or the student's view, as `/api/me` says.
enum ConsolePage {
    static func html(fleet: String) -> String {
        let name = HTMLText.escape(fleet)
        return """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>fleet console · \(name)</title><link rel="stylesheet" href="/console.css">
            <script src="/console.js" defer></script></head>
            <body><header><h1>fleet console <span class="fleet">\(name)</span></h1>
            <span id="who"></span><button id="signout" type="button">Sign out</button></header>
            <p id="message" role="status"></p>
            <main id="main"><p>Loading…</p></main></body></html>
            """
    }
}
