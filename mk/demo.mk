# The browser demo page (examples/browser/demo): `make serve` serves it at / and the built
# package (js/dist) at /quiver/ on 127.0.0.1, port $(PORT) (default 8080). Its test,
# js/test/demo.test.mjs, runs with the other package tests (test-js) in `make test`.
.PHONY: serve test-demo

PORT ?= 8080

serve: js-build
	@PORT=$(PORT) node js/scripts/serve.mjs

# The demo page's test alone (headless Chromium; skipped without /usr/bin/chromium).
test-demo: js-build
	@cd js && node --test test/demo.test.mjs
