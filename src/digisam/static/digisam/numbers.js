// Shows under every number field what digisam will read the typed text as (core/numbers.py has
// the same rules: the page language's decimal sign, thousands only in groups of three).
(function () {
  function parse(text, decimal, thousands) {
    var raw = text.trim().replace(/[\u00a0\u202f]/g, " ").replace("\u2212", "-");
    var d = decimal.replace(/[.]/g, "\\."), t = thousands.replace(/[.]/g, "\\.");
    var re = new RegExp("^([+-]?)(\\d{1,3}(?:" + t + "\\d{3})+|\\d{1,3}(?: \\d{3})+|\\d*)(?:" + d + "(\\d+))?$");
    var m = raw.match(re);
    if (!m || !(m[2] || m[3])) return null;
    return { sign: m[1] === "-" ? "-" : "", int: (m[2] || "0").replace(/\D/g, ""), frac: m[3] || "" };
  }
  function show(n, decimal, thousands) {
    var int = n.int.replace(/^0+(?=\d)/, "").replace(/\B(?=(\d{3})+(?!\d))/g, thousands);
    return n.sign + int + (n.frac ? decimal + n.frac : "");
  }
  function attach(input) {
    var out = document.createElement("span");
    out.className = "form-hint digisam-number-understood";
    out.setAttribute("aria-live", "polite");
    out.setAttribute("data-testid", "number-understood");
    input.insertAdjacentElement("afterend", out);
    function update() {
      if (!input.value.trim()) { out.textContent = ""; return; }
      var n = parse(input.value, input.dataset.decimal, input.dataset.thousands);
      if (n && input.dataset.digisamNumber === "integer" && n.frac.replace(/0+$/, "")) n = null;
      out.textContent = n ? input.dataset.understood + " " + show(n, input.dataset.decimal, input.dataset.thousands) : "";
    }
    input.addEventListener("input", update);
    update();
  }
  function init(root) {
    (root || document).querySelectorAll("input[data-digisam-number]").forEach(function (input) {
      if (!input.dataset.digisamNumberReady) { input.dataset.digisamNumberReady = "1"; attach(input); }
    });
  }
  document.addEventListener("DOMContentLoaded", function () { init(document); });
  document.addEventListener("htmx:load", function (event) { init(event.target); });
})();
