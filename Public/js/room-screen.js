// The room screen (màn hình phòng họp) follows the count while a ballot is open without
// reloading itself (issue 16 part 5: a timed refresh moves a reader's place and focus, and
// axe counts it critical). Every 5 seconds it reads the same page: while the ballot is open
// only the turnout, a polite live region, changes; once it closes, the result replaces the
// page's content and the polling stops. Bounded: at most two hours of polling, then the
// «Cập nhật» link does it by hand (as it does without script).
(function () {
  var main = document.getElementById("noi-dung");
  if (!main || !main.hasAttribute("data-follow") || !window.fetch || !window.DOMParser) return;
  var left = 1440;
  var timer = setInterval(function () {
    if (--left < 0) { clearInterval(timer); return; }
    fetch(location.href, { credentials: "same-origin", headers: { "Accept": "text/html" } })
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (html) {
        if (!html) return;
        var next = new DOMParser().parseFromString(html, "text/html").getElementById("noi-dung");
        if (!next) return;
        if (next.hasAttribute("data-follow")) {
          var now = main.querySelector(".turnout"), then = next.querySelector(".turnout");
          if (now && then && now.textContent !== then.textContent) now.innerHTML = then.innerHTML;
        } else {
          clearInterval(timer);
          main.removeAttribute("data-follow");
          main.innerHTML = next.innerHTML;
        }
      })
      .catch(function () {});
  }, 5000);
})();
