// Starts Swagger UI on this server's API description. A file rather than an inline
// <script>, because the Content-Security-Policy allows scripts from 'self' only.
window.addEventListener("load", () => {
  window.ui = SwaggerUIBundle({
    url: "/openapi.json",
    dom_id: "#swagger-ui",
    deepLinking: true,
    presets: [SwaggerUIBundle.presets.apis],
    layout: "BaseLayout",
    // The default validator badge is an image fetched from swagger.io: none offline.
    validatorUrl: null,
  });
});
