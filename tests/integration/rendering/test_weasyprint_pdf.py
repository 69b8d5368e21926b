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


PIXEL_PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="


def test_a_file_outside_the_package_assets_is_refused_and_the_refusal_logged(tmp_path, caplog):
    import base64

    image = tmp_path / "secret.png"
    image.write_bytes(base64.b64decode(PIXEL_PNG))
    pdf = html_to_pdf(f'<p>Title</p><img src="{image.as_uri()}" width="10" height="10">')
    assert "Title" in _text(pdf)
    assert b"/Image" not in pdf
    assert "refused to fetch" in caplog.text
    assert "secret.png" in caplog.text


def test_the_fetcher_serves_data_urls_and_files_under_its_asset_folders_only(tmp_path, caplog):
    import pytest

    from servicepact.adapters.weasyprint_pdf import ASSET_FOLDERS, asset_path, url_fetcher

    assets = tmp_path / "assets"
    assets.mkdir()
    (assets / "logo.svg").write_text("<svg/>", encoding="utf-8")
    (tmp_path / "outside.txt").write_text("secret", encoding="utf-8")
    (assets / "link.txt").symlink_to(tmp_path / "outside.txt")
    fetcher = url_fetcher([assets])

    served = fetcher.fetch((assets / "logo.svg").as_uri())
    assert served.read() == b"<svg/>"
    assert served.content_type == "image/svg+xml"
    assert fetcher.fetch("data:text/plain,hello").read() == b"hello"
    refused = [
        (tmp_path / "outside.txt").as_uri(),
        assets.as_uri() + "/../outside.txt",
        assets.as_uri() + "/%2e%2e/outside.txt",
        (assets / "link.txt").as_uri(),
        (assets / "missing.png").as_uri(),
        "file://example.org" + (assets / "logo.svg").as_posix(),
        "http://127.0.0.1:9/x",
        "https://example.org/x.css",
        "ftp://127.0.0.1/x",
    ]
    for url in refused:
        with pytest.raises(ValueError, match="fetches no URL"):
            fetcher.fetch(url)
    assert caplog.text.count("refused to fetch") == len(refused)
    # The default folders are the package's own templates, and a template file is an asset.
    assert all(folder.is_dir() for folder in ASSET_FOLDERS)
    assert asset_path((ASSET_FOLDERS[0] / "contract.css.j2").as_uri()) is not None
    assert asset_path("file:///etc/hostname") is None


def test_a_refused_url_logs_on_one_line_whatever_it_holds(caplog):
    import pytest

    from servicepact.adapters.weasyprint_pdf import url_fetcher

    with pytest.raises(ValueError, match="fetches no URL"):
        url_fetcher().fetch("http://127.0.0.1/x\r\nERROR forged line")
    assert "\n" not in caplog.text.strip()
