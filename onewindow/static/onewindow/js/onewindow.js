// Small progressive enhancements; every page works without them.
document.addEventListener("click", function (event) {
  var target = event.target.closest("[data-confirm]");
  if (target && !window.confirm(target.getAttribute("data-confirm"))) {
    event.preventDefault();
  }
});
document.addEventListener("change", function (event) {
  var target = event.target.closest("[data-autosubmit]");
  if (target && target.form) {
    target.form.requestSubmit ? target.form.requestSubmit() : target.form.submit();
  }
});
document.addEventListener("click", function (event) {
  if (event.target.closest("[data-print]")) {
    window.print();
  }
});
// Inline rows (materials, fee items, steps): "add a row" clones the formset's empty form.
document.addEventListener("click", function (event) {
  var button = event.target.closest("[data-formset-add]");
  if (!button) { return; }
  event.preventDefault();
  var prefix = button.getAttribute("data-formset-add");
  var total = document.getElementById("id_" + prefix + "-TOTAL_FORMS");
  var template = document.getElementById(prefix + "-empty");
  var target = document.getElementById(prefix + "-rows");
  var index = parseInt(total.value, 10);
  var html = template.innerHTML.replace(/__prefix__/g, String(index)).replace(/__number__/g, String(index + 1));
  target.insertAdjacentHTML("beforeend", html);
  total.value = String(index + 1);
  var first = target.lastElementChild && target.lastElementChild.querySelector("input, select, textarea");
  if (first) { first.focus(); }
});
