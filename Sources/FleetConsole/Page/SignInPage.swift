/// The sign-in form: one field for the token of the class's handout (`fleet roster`).
enum SignInPage {
    static func html(fleet: String, problem: String?) -> String {
        let name = HTMLText.escape(fleet)
        let message = problem.map { #"<p class="problem" id="signin-problem">\#(HTMLText.escape($0))</p>"# } ?? ""
        return """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Sign in · fleet console · \(name)</title><link rel="stylesheet" href="/console.css"></head>
            <body class="signin"><main>
            <h1>fleet console <span class="fleet">\(name)</span></h1>
            <form method="post" action="/signin" id="signin-form">
            <label for="token">Your token (from the class handout)</label>
            <input id="token" name="token" type="password" autocomplete="off" required autofocus>
            <button type="submit" id="signin">Sign in</button>
            </form>\(message)
            </main></body></html>
            """
    }
}
