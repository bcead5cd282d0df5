// Check-in page. Where the browser offers BarcodeDetector (Chrome on Android), the phone's camera
// reads the QR code of an invitation and submits it; the text box always works, with or without
// a camera. After each check-in the box is emptied and focused for the next code.
(function () {
  "use strict";
  var form = document.getElementById("checkin-form");
  if (!form) { return; }
  var input = form.querySelector("input[name=code]");

  document.body.addEventListener("htmx:afterRequest", function (event) {
    if (event.detail.elt === form && event.detail.successful) {
      input.value = "";
      input.focus();
    }
  });

  var button = document.getElementById("scan-button");
  var video = document.getElementById("scan-video");
  if (!button || !video || !("BarcodeDetector" in window) || !navigator.mediaDevices ||
      !navigator.mediaDevices.getUserMedia) {
    return;
  }
  var startLabel = button.textContent;
  var stopLabel = button.getAttribute("data-stop-label") || startLabel;
  var stream = null;
  var timer = null;
  var detector = null;
  var last = "";
  var lastAt = 0;

  function stop() {
    if (timer) { clearInterval(timer); timer = null; }
    if (stream) { stream.getTracks().forEach(function (t) { t.stop(); }); stream = null; }
    video.hidden = true;
    button.textContent = startLabel;
  }

  function submit(code) {
    var now = Date.now();
    if (code === last && now - lastAt < 4000) { return; }  // the same QR held in front of the camera
    last = code;
    lastAt = now;
    input.value = code;
    if (form.requestSubmit) { form.requestSubmit(); } else { form.submit(); }
  }

  function scan() {
    if (video.readyState < 2) { return; }
    detector.detect(video).then(function (codes) {
      if (codes.length) { submit(codes[0].rawValue); }
    }).catch(function () { /* a frame that could not be read: try the next one */ });
  }

  function start() {
    try {
      detector = new window.BarcodeDetector({ formats: ["qr_code"] });
    } catch (e) {
      button.hidden = true;
      return;
    }
    navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" }, audio: false })
      .then(function (s) {
        stream = s;
        video.srcObject = s;
        video.hidden = false;
        button.textContent = stopLabel;
        return video.play();
      })
      .then(function () { timer = setInterval(scan, 300); })
      .catch(function () { stop(); button.hidden = true; });
  }

  window.BarcodeDetector.getSupportedFormats().then(function (formats) {
    if (formats.indexOf("qr_code") < 0) { return; }
    button.hidden = false;
    button.addEventListener("click", function () { if (stream) { stop(); } else { start(); } });
  }).catch(function () { /* no camera scanning: the text box stays */ });
  window.addEventListener("pagehide", stop);
})();
