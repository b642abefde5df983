"""Settings every `gunicorn casebase.wsgi` started from this folder reads (gunicorn
loads ./gunicorn.conf.py by itself; options on the command line win).

A search URL may be long: the query language allows 500 characters (more are cut,
with a notice), and a pasted paragraph in another script is several times that
once percent-encoded. gunicorn's default request line of 4,094 bytes would answer
such a search with an HTML 414 before casebase sees it; 0 lifts gunicorn's limit
(this release then caps a line at 1 MB). A proxy in front has its own limit (nginx:
`large_client_header_buffers`, 8 KB by default): see README, Deploying.
"""

limit_request_line = 0
