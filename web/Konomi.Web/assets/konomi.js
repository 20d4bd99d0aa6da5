// Charts from JSON the page embeds, and the labelling page's keys. Runs on load and after each htmx swap.
(function () {
    const colors = { f1: "#d9485f", ap: "#1c64b8" };

    function width(el) { return Math.max(280, el.clientWidth); }

    function versionsChart(root) {
        const el = root.querySelector("#versions-chart");
        if (!el || el.dataset.drawn) return;
        const d = JSON.parse(document.getElementById("versions-data").textContent);
        el.dataset.drawn = "1";
        new uPlot({
            width: width(el), height: 220, legend: { live: false },
            scales: { x: { time: false }, y: { range: [0, 1] } },
            axes: [{ label: "version", values: (u, ticks) => ticks.map(t => Number.isInteger(t) ? "v" + t : "") }, { label: "cross-validated" }],
            series: [{ label: "version" },
                { label: "F1", stroke: colors.f1, width: 2, points: { size: 7 } },
                { label: "average precision", stroke: colors.ap, width: 2, points: { size: 7 } }],
        }, [d.versions, d.f1, d.ap], el);
    }

    function curveChart(root) {
        const el = root.querySelector("#curve-chart");
        if (!el || el.dataset.drawn) return;
        const d = JSON.parse(document.getElementById("curve-data").textContent);
        el.dataset.drawn = "1";
        new uPlot({
            width: width(el), height: 220, legend: { live: false },
            scales: { x: { time: false, range: [0, 1] }, y: { range: [0, 1] } },
            axes: [{ label: "recall" }, { label: "precision" }],
            series: [{ label: "recall" }, { label: "precision", stroke: colors.ap, width: 2, fill: "rgba(28,100,184,.08)", paths: uPlot.paths.stepped({ align: 1 }) }],
        }, [d.recall, d.precision], el);
    }

    function draw(root) { versionsChart(root); curveChart(root); }

    document.addEventListener("DOMContentLoaded", () => draw(document));
    document.addEventListener("htmx:load", e => draw(document));

    // A press the app refused or could not take says why, where the person is looking; htmx itself swaps nothing then.
    function problem(text) {
        const el = document.getElementById("problem");
        el.textContent = text;
        el.hidden = false;
    }
    document.addEventListener("htmx:responseError", e => {
        const xhr = e.detail.xhr;
        problem((xhr.responseText || "").trim() || `Konomi answered ${xhr.status} ${xhr.statusText}: nothing was saved. Reload the page and try again.`);
    });
    document.addEventListener("htmx:sendError", () => problem("Konomi cannot be reached: nothing was saved. Try again once it is running."));
    document.addEventListener("htmx:beforeRequest", () => { document.getElementById("problem").hidden = true; });

    // y / n / s / u press the labelling page's buttons; typing in a field is left alone.
    document.addEventListener("keydown", e => {
        if (e.ctrlKey || e.metaKey || e.altKey || e.target.closest("input, select, textarea")) return;
        const button = document.querySelector(`#labeller button[data-key="${e.key.toLowerCase()}"]:not([disabled])`);
        if (!button || document.querySelector("#labeller.htmx-request, #labeller .htmx-request")) return;
        e.preventDefault();
        button.click();
    });
})();
