// Nhập từ tệp: a long file shows how far it has gone (issue 15 part 4). A file larger than
// the form's data-progress-from (bytes) is sent by XMLHttpRequest so that the upload's bytes
// fill a <progress>; once sent, the bar turns indeterminate while the server reads and checks
// every row, and the answer (the preview, or the form with its errors) replaces the page's
// content. The confirmation (which writes every row) shows the same indeterminate bar and
// cannot be pressed twice. Without script, both forms post as usual.
(function () {
  if (!window.XMLHttpRequest || !window.FormData || !window.DOMParser) return;

  function status(form) {
    var box = form.querySelector(".import-progress");
    if (!box) return null;
    box.hidden = false;
    return { bar: box.querySelector("progress"), text: box.querySelector(".import-progress-text") };
  }

  function checking(shown, message) {
    shown.bar.removeAttribute("value");
    shown.bar.removeAttribute("max");
    shown.text.textContent = message;
  }

  function replacePage(html) {
    var next = new DOMParser().parseFromString(html, "text/html");
    var main = document.getElementById("noi-dung"), incoming = next.getElementById("noi-dung");
    if (!main || !incoming) { document.open(); document.write(html); document.close(); return; }
    main.innerHTML = incoming.innerHTML;
    document.title = next.title;
    var heading = main.querySelector("h2, h1");
    if (heading) { heading.setAttribute("tabindex", "-1"); heading.focus(); }
  }

  // Back to a page the browser kept: its forms can be used again.
  window.addEventListener("pageshow", function () {
    var forms = document.querySelectorAll("form.import-form[data-busy]");
    for (var i = 0; i < forms.length; i++) {
      forms[i].removeAttribute("data-busy");
      var pressed = forms[i].querySelector("button[type=submit]");
      if (pressed) pressed.disabled = false;
      var box = forms[i].querySelector(".import-progress");
      if (box) box.hidden = true;
    }
  });

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.classList || !form.classList.contains("import-form")) return;
    var button = form.querySelector("button[type=submit]");
    if (form.getAttribute("data-busy")) { event.preventDefault(); return; }
    var file = form.querySelector("input[type=file]");
    var shown = status(form);
    if (!shown) return;
    form.setAttribute("data-busy", "1");
    if (button) button.disabled = true;
    if (!file) {
      // The confirmation: the browser posts it; the bar says the rows are being written.
      checking(shown, form.getAttribute("data-writing") || "Đang ghi…");
      return;
    }
    var threshold = parseInt(form.getAttribute("data-progress-from") || "0", 10);
    var chosen = file.files && file.files[0];
    if (!chosen || chosen.size < threshold) {
      checking(shown, "Đang đọc và kiểm tra từng dòng…");
      return;
    }
    event.preventDefault();
    var request = new XMLHttpRequest();
    request.open("POST", form.action);
    request.setRequestHeader("Accept", "text/html");
    shown.bar.max = chosen.size;
    shown.bar.value = 0;
    request.upload.onprogress = function (e) {
      if (!e.lengthComputable) return;
      shown.bar.max = e.total;
      shown.bar.value = e.loaded;
      shown.text.textContent = "Đang tải tệp lên: " + Math.floor(e.loaded * 100 / e.total) + " %";
    };
    request.upload.onload = function () { checking(shown, "Đã tải lên; đang đọc và kiểm tra từng dòng…"); };
    request.onload = function () { replacePage(request.responseText); };
    request.onerror = function () {
      form.removeAttribute("data-busy");
      if (button) button.disabled = false;
      shown.bar.value = 0;
      shown.text.textContent = "Không gửi được tệp (mất kết nối). Hãy thử lại.";
    };
    request.send(new FormData(form));
  });
})();
