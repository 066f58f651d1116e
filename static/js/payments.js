// Card payments with Stripe.js (or localstripe's stand-in in development and tests).
// The server decides what is paid and how much; this file only collects the card, sends the form,
// and lets the bank ask for 3-D Secure when the server says so. No inline script: the form's
// data- attributes carry the publishable key and the texts.
(function () {
  "use strict";

  function showStatus(form, text, isError) {
    var box = form.querySelector("[data-payment-status]");
    box.hidden = !text;
    box.textContent = text || "";
    box.className = "payment-status" + (isError ? " payment-status--error" : "");
    if (isError) {
      box.setAttribute("role", "alert");
      box.focus();
    } else {
      box.setAttribute("role", "status");
    }
  }

  function showErrors(form, data) {
    var text = data.message || form.dataset.textError;
    if (data.errors && data.errors.length) {
      text += " " + data.errors.join(" ");
    }
    showStatus(form, text, true);
  }

  async function post(url, form, extra) {
    var body = new FormData(form);
    Object.keys(extra || {}).forEach(function (key) {
      body.set(key, extra[key]);
    });
    var response;
    try {
      response = await fetch(url, {
        method: "POST",
        body: body,
        credentials: "same-origin",
        headers: { Accept: "application/json" },
      });
    } catch (error) {
      return { status: "error", message: form.dataset.textError };
    }
    try {
      return await response.json();
    } catch (error) {
      return { status: "error", message: form.dataset.textError };
    }
  }

  // Real Stripe.js makes a PaymentMethod (pm_...); localstripe's stand-in only makes tokens (tok_...).
  async function paymentMethodFor(stripe, card) {
    if (typeof stripe.createPaymentMethod === "function") {
      var made = await stripe.createPaymentMethod({ type: "card", card: card });
      if (made && made.error) {
        return { error: made.error };
      }
      if (made && made.paymentMethod) {
        return { id: made.paymentMethod.id };
      }
    }
    var token = await stripe.createToken(card);
    if (token.error) {
      return { error: token.error };
    }
    return { id: token.token.id };
  }

  function setUp(form) {
    if (typeof window.Stripe !== "function") {
      showStatus(form, form.dataset.textError, true);
      return;
    }
    // Stripe.js writes its own messages (a card number it cannot read...) in the page's language.
    var stripe = window.Stripe(form.dataset.publishableKey, { locale: form.dataset.locale || "nl" });
    var card = stripe.elements().create("card");
    card.mount(form.querySelector("[data-card-element]"));
    var button = form.querySelector("[data-payment-submit]");
    var busy = false;
    var cardBlock = form.querySelector(".payment-card");
    form.querySelectorAll('input[name="method"]').forEach(function (radio) {
      radio.addEventListener("change", function () {
        if (cardBlock) {
          cardBlock.hidden = radio.checked && radio.value === "ideal";
        }
      });
    });

    function done(data) {
      if (data.attempt) {
        // The server starts a new payment for the next try.
        form.querySelector('input[name="attempt"]').value = data.attempt;
      }
      if (data.redirect_url) {
        window.location.assign(data.redirect_url);
        return;
      }
      showErrors(form, data);
      busy = false;
      button.disabled = false;
    }

    form.addEventListener("submit", async function (event) {
      event.preventDefault();
      if (busy) {
        return;
      }
      busy = true;
      button.disabled = true;
      showStatus(form, form.dataset.textProcessing, false);

      var chosen = form.querySelector('input[name="method"]:checked');
      if (chosen && chosen.value === "ideal") {
        // iDEAL: no card; the server answers with the bank's page (redirect_url) and the bank
        // sends the payer back to the result page, where the server asks Stripe how it stands.
        done(await post(form.action, form, {}));
        return;
      }
      var method = await paymentMethodFor(stripe, card);
      if (method.error || !method.id) {
        done({ message: (method.error && method.error.message) || form.dataset.textCardMissing });
        return;
      }
      var data = await post(form.action, form, { payment_method: method.id });
      if (data.status === "requires_action" && data.client_secret) {
        showStatus(form, form.dataset.textAuthenticating, false);
        await stripe.confirmCardPayment(data.client_secret);
        // Whatever the browser saw, the server asks Stripe how the payment stands.
        data = await post(data.refresh_url, form, {});
      }
      done(data);
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-payment-form]").forEach(setUp);
  });
})();
