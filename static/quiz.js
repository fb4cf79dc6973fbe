// Ordering questions: drag-and-drop and "move up/down" buttons on top of the place selects.
// Without this script the selects alone answer the question; with it, the list is reordered
// and every select follows the item's place, so the form submits the same fields either way.
(function () {
  "use strict";

  function renumber(list) {
    var items = list.querySelectorAll(".order-item");
    for (var i = 0; i < items.length; i++) {
      items[i].querySelector("select").value = String(i + 1);
    }
  }

  function announce(list, item) {
    var live = list.parentNode.querySelector(".order-live");
    var place = Array.prototype.indexOf.call(list.children, item) + 1;
    var text = item.querySelector(".order-text").textContent.trim();
    live.textContent = list.getAttribute("data-moved").replace("%(item)s", text).replace("%(place)s", place);
  }

  function move(list, item, offset) {
    var target = offset < 0 ? item.previousElementSibling : item.nextElementSibling;
    if (!target) { return; }
    list.insertBefore(item, offset < 0 ? target : target.nextElementSibling);
    renumber(list);
    announce(list, item);
  }

  function placeBySelect(list, item, select) {
    var items = Array.prototype.slice.call(list.children);
    var index = Math.max(0, Math.min(items.length - 1, parseInt(select.value, 10) - 1));
    items.splice(items.indexOf(item), 1);
    items.splice(index, 0, item);
    items.forEach(function (child) { list.appendChild(child); });
    renumber(list);
    select.focus();
  }

  function enhance(list) {
    var dragged = null;
    list.classList.add("enhanced");
    var live = document.createElement("p");
    live.className = "order-live visually-hidden";
    live.setAttribute("aria-live", "polite");
    list.parentNode.insertBefore(live, list.nextSibling);
    Array.prototype.forEach.call(list.querySelectorAll(".order-item"), function (item) {
      item.setAttribute("draggable", "true");
      var select = item.querySelector("select");
      select.addEventListener("change", function () { placeBySelect(list, item, select); });
      [["up", -1], ["down", 1]].forEach(function (pair) {
        var button = document.createElement("button");
        button.type = "button";
        button.className = "order-move order-" + pair[0];
        button.textContent = list.getAttribute("data-" + pair[0]);
        button.setAttribute("aria-describedby", item.querySelector(".order-text").id);
        button.addEventListener("click", function () { move(list, item, pair[1]); button.focus(); });
        item.appendChild(button);
      });
      item.addEventListener("dragstart", function (event) {
        dragged = item;
        item.classList.add("dragging");
        event.dataTransfer.effectAllowed = "move";
        event.dataTransfer.setData("text/plain", "");
      });
      item.addEventListener("dragend", function () { item.classList.remove("dragging"); dragged = null; });
      item.addEventListener("dragover", function (event) {
        if (!dragged || dragged === item) { return; }
        event.preventDefault();
        var box = item.getBoundingClientRect();
        var after = event.clientY > box.top + box.height / 2;
        list.insertBefore(dragged, after ? item.nextElementSibling : item);
      });
      item.addEventListener("drop", function (event) {
        event.preventDefault();
        renumber(list);
        if (dragged) { announce(list, dragged); }
      });
    });
  }

  document.querySelectorAll("ol[data-ordering]").forEach(enhance);
})();
