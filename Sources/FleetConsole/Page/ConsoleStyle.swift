/// The console's style sheet: system fonts only (a classroom may have no internet).
enum ConsoleStyle {
    static let source = """
        :root { font-family: system-ui, sans-serif; color: #1d2330; background: #f6f7f9; }
        body { margin: 0; }
        header { display: flex; gap: 1rem; align-items: center; padding: .5rem 1rem; background: #1d2330; color: #fff; }
        header h1 { font-size: 1.2rem; margin: 0; flex: 1; }
        .fleet { color: #9ecbff; }
        main { padding: 1rem; display: grid; gap: 1rem; }
        section { background: #fff; border: 1px solid #d8dce3; border-radius: 6px; padding: .75rem 1rem; }
        section h2 { font-size: 1rem; margin: 0 0 .5rem; }
        table { border-collapse: collapse; width: 100%; font-size: .9rem; }
        th, td { text-align: left; padding: .2rem .5rem; border-bottom: 1px solid #eceef2; }
        td.state-up { color: #176f2c; } td.state-down { color: #b3261e; font-weight: bold; } td.state-starting { color: #8a6100; }
        td.scenario:not(:empty) { background: #fff1d6; font-weight: bold; }
        .controls { display: flex; flex-wrap: wrap; gap: .5rem; align-items: center; margin: .5rem 0; }
        input[type=number] { width: 6rem; }
        pre { background: #f0f2f5; padding: .5rem; overflow: auto; max-height: 20rem; font-size: .85rem; }
        #events, #timeline { max-height: 18rem; overflow: auto; font-family: ui-monospace, monospace; font-size: .85rem; }
        #message:not(:empty) { margin: .5rem 1rem; padding: .5rem; background: #fde8e7; border: 1px solid #f3b8b4; }
        .signin main { max-width: 26rem; margin: 4rem auto; }
        .signin form { display: grid; gap: .5rem; }
        .problem { color: #b3261e; }
        .verdict-true-positive { color: #176f2c; } .verdict-false-alarm, .verdict-missed { color: #b3261e; }
        svg.spark { width: 8rem; height: 1.5rem; vertical-align: middle; }
        svg.spark polyline { fill: none; stroke-width: 1.5; }
        """
}
