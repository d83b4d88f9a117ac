// "Add a row" for the formsets of the plan form: copies the empty row kept in a <template>.
// Without JavaScript every formset still shows one blank row, and saving offers another.
document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-formset-add]");
  if (!button) return;
  const prefix = button.dataset.formsetAdd;
  const total = document.getElementById(`id_${prefix}-TOTAL_FORMS`);
  const template = document.getElementById(`${prefix}-empty`);
  const index = Number(total.value);
  const html = template.innerHTML.replaceAll("__prefix__", String(index));
  document.getElementById(`${prefix}-rows`).insertAdjacentHTML("beforeend", html);
  total.value = String(index + 1);
  const rows = document.getElementById(`${prefix}-rows`);
  const first = rows.lastElementChild && rows.lastElementChild.querySelector("textarea, input, select");
  if (first) first.focus();
});
