// Share actions on honoree pages. The Facebook and e-mail links work without
// this script; it adds the phone's share sheet (Web Share API, which reaches
// Zalo and Messenger) and copy-link. Nothing is requested from another host.
(function () {
  "use strict";
  // The English edition's pages (<html lang="en">) speak English.
  var EN = document.documentElement.lang === "en";
  var COPIED = EN ? "Link copied: " : "Đã sao chép liên kết: ";
  var COPY_THIS = EN ? "Copy this address: " : "Hãy sao chép địa chỉ này: ";
  function status(text) {
    var el = document.querySelector(".hr-share-status");
    if (el) el.textContent = text;
  }
  function init() {
    var native = document.querySelector(".hr-share-native");
    if (native && navigator.share) {
      native.hidden = false;
      native.addEventListener("click", function () {
        navigator.share({ title: native.dataset.shareTitle, url: native.dataset.shareUrl }).catch(function () {});
      });
    }
    var copy = document.querySelector(".hr-share-copy");
    if (copy) {
      copy.hidden = false;
      copy.addEventListener("click", function () {
        var url = copy.dataset.shareUrl;
        var done = function () { status(COPIED + url); };
        if (navigator.clipboard && window.isSecureContext) {
          navigator.clipboard.writeText(url).then(done, function () { fallback(url, done); });
        } else {
          fallback(url, done);
        }
      });
    }
  }
  // Where the Clipboard API is missing (plain-HTTP intranets, old phones).
  function fallback(url, done) {
    var field = document.createElement("textarea");
    field.value = url;
    field.setAttribute("readonly", "");
    field.className = "hr-offscreen";
    document.body.appendChild(field);
    field.select();
    var ok = false;
    try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
    document.body.removeChild(field);
    if (ok) done(); else status(COPY_THIS + url);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
