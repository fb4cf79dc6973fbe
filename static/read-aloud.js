/* Read-aloud: the browser's own speech synthesis reads the lesson in the lesson's language.
   The button stays hidden unless this browser has a voice for that language. No network. */
(function () {
  "use strict";
  var button = document.querySelector("button[data-read-aloud]");
  var synth = window.speechSynthesis;
  if (!button || !synth || typeof window.SpeechSynthesisUtterance !== "function") { return; }
  var target = document.getElementById(button.getAttribute("data-read-aloud"));
  var lang = (target && target.lang || document.documentElement.lang || "").toLowerCase();
  var label = button.querySelector("[data-label]") || button;
  var startLabel = label.textContent;
  var stopLabel = button.getAttribute("data-stop-label");
  var speaking = false;

  function voiceFor(code) {
    var voices = synth.getVoices() || [];
    for (var i = 0; i < voices.length; i += 1) {
      var voiceLang = String(voices[i].lang || "").toLowerCase().replace("_", "-");
      if (voiceLang === code || voiceLang.indexOf(code + "-") === 0) { return voices[i]; }
    }
    return null;
  }

  function show(state) {
    speaking = state;
    label.textContent = state ? stopLabel : startLabel;
    button.setAttribute("aria-pressed", state ? "true" : "false");
  }

  function offer() {
    if (!target || !lang || !voiceFor(lang)) { return; }
    button.hidden = false;
    button.closest(".read-aloud").hidden = false;
  }

  button.addEventListener("click", function () {
    if (speaking) { synth.cancel(); show(false); return; }
    var utterance = new window.SpeechSynthesisUtterance(target.innerText);
    utterance.lang = lang;
    utterance.voice = voiceFor(lang);
    utterance.onend = function () { show(false); };
    utterance.onerror = function () { show(false); };
    synth.cancel();
    synth.speak(utterance);
    show(true);
  });
  offer();
  if (typeof synth.addEventListener === "function") {
    synth.addEventListener("voiceschanged", offer);  // voices often arrive after the page
  }
}());
