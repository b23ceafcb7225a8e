// The lookup page with scripts on: the identifier is normalised and hashed (SHA-1) in the browser and only the
// first 6 hexadecimal characters of the hash are sent (k-anonymity range API); the matching suffix is found here.
// Without crypto.subtle (plain HTTP off localhost) the form is posted as it is without scripts.
(function () {
  "use strict";
  var form = document.getElementById("lookup");
  if (!form || !window.crypto || !window.crypto.subtle || !window.fetch) { return; }

  function normalise(text) {
    var value = text.trim();
    if (value.indexOf("@") >= 0) { return value.toLowerCase(); }
    value = value.replace(/[\s.\-\/()]+/g, "");
    if (/^00[1-9]/.test(value)) { value = "+" + value.slice(2); }
    if (/^0[1-9][0-9]{8}$/.test(value)) { value = "+33" + value.slice(1); }  // French national numbers
    return value;
  }

  function hex(buffer) {
    return Array.prototype.map.call(new Uint8Array(buffer), function (b) {
      return ("0" + b.toString(16)).slice(-2);
    }).join("").toUpperCase();
  }

  form.addEventListener("submit", function (event) {
    var field = document.getElementById("identifier");
    var lang = form.elements.lang.value;
    var value = normalise(field.value);
    if (!value || (value.indexOf("@") < 0 && !/^\+[1-9][0-9]{6,14}$/.test(value))) { return; }  // server says why
    event.preventDefault();
    window.crypto.subtle.digest("SHA-1", new TextEncoder().encode(value)).then(function (digest) {
      var hash = hex(digest);
      return fetch("/api/v3/breachedaccount/range/" + hash.slice(0, 6)).then(function (response) {
        if (!response.ok) { throw new Error("range " + response.status); }
        return response.json();
      }).then(function (entries) {
        var names = [];
        entries.forEach(function (entry) {
          if (entry.HashSuffix === hash.slice(6)) { names = entry.Websites; }
        });
        var query = "lang=" + encodeURIComponent(lang);
        names.forEach(function (name) { query += "&b=" + encodeURIComponent(name); });
        field.value = "";
        window.location.assign("/lookup/result?" + query);
      });
    }).catch(function () { form.submit(); });
  });
}());
