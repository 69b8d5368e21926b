"""Printing HTML to PDF: a library's warning never breaks the request, and nothing is fetched."""

from __future__ import annotations

import warnings

from pypdf import PdfReader

from servicepact.adapters.weasyprint_pdf import html_to_pdf


def _text(pdf: bytes) -> str:
    from io import BytesIO

    return "".join(page.extract_text() for page in PdfReader(BytesIO(pdf)).pages)


def test_a_deprecation_warning_from_weasyprint_is_logged_not_raised_even_where_warnings_are_errors(
    monkeypatch, caplog
):
    import weasyprint

    real_write_pdf = weasyprint.HTML.write_pdf

    def warning_write_pdf(self, *args, **kwargs):
        warnings.warn("HarfBuzz-Subset will be required", DeprecationWarning, stacklevel=1)
        return real_write_pdf(self, *args, **kwargs)

    monkeypatch.setattr(weasyprint.HTML, "write_pdf", warning_write_pdf)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        pdf = html_to_pdf("<p>Monthly report</p>")
    assert "Monthly report" in _text(pdf)
    assert "HarfBuzz-Subset" in caplog.text


def test_a_url_in_the_page_is_not_fetched():
    import http.server
    import threading

    requests: list[str] = []

    class Recorder(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            requests.append(self.path)
            self.send_response(404)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_port}/x.png"
        pdf = html_to_pdf(f'<style>p {{ background: url("{url}") }}</style><p>Title</p><img src="{url}">')
    finally:
        server.shutdown()
        server.server_close()
    assert "Title" in _text(pdf)
    assert requests == []


def test_an_inline_data_image_is_still_drawn():
    pixel = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
    pdf = html_to_pdf(f'<p>Chart</p><img src="data:image/png;base64,{pixel}" width="10" height="10">')
    assert b"/Image" in pdf


def test_printing_from_several_threads_leaves_the_warning_filters_as_they_were():
    from concurrent.futures import ThreadPoolExecutor

    before = list(warnings.filters)
    with ThreadPoolExecutor(4) as pool:
        pdfs = list(pool.map(html_to_pdf, [f"<p>Page {n}</p>" for n in range(8)]))
    assert all(pdf.startswith(b"%PDF") for pdf in pdfs)
    assert warnings.filters == before
