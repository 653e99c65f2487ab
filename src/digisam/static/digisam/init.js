// Starts the design system's components (the mobile menu below 992 px among them); a file, not an
// inline script, so the Content-Security-Policy needs no exception.
(function () {
  if (!window.DKFDS) return;
  if (typeof window.DKFDS.init === "function") {
    window.DKFDS.init();
  } else if (window.DKFDS.Navigation) {
    new window.DKFDS.Navigation().init();
  }
})();
