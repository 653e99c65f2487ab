"""Upload handler that refuses a request body larger than DIGISAM_MAX_REQUEST_BYTES before any of it
is read or stored (issue 11 hole 7: a 200 MB upload was stored before it was rejected).

Django runs the upload handlers' `handle_raw_input` before it reads a multipart body; returning
empty data there stops the parse, so nothing reaches a temporary file. The view then answers with
a clear 413 (portfolio imports, see portfolio.views.upload_too_large)."""

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler
from django.http import QueryDict
from django.utils.datastructures import MultiValueDict


def max_request_bytes() -> int:
    return getattr(settings, "DIGISAM_MAX_REQUEST_BYTES", 2 * settings.DIGISAM_MAX_IMPORT_BYTES + 64 * 1024)


class RequestSizeLimitHandler(FileUploadHandler):
    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        if content_length and content_length > max_request_bytes():
            if self.request is not None:
                self.request.digisam_body_refused = True
            return QueryDict(encoding=encoding), MultiValueDict()
        return None

    def receive_data_chunk(self, raw_data, start):
        return raw_data

    def file_complete(self, file_size):
        return None
