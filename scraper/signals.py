"""Signals our spiders send so the crawl state knows what a board said, beyond the items themselves.

board_completed(board_url)   the board answered normally and every page of its listing was read:
                             postings of this board not seen in this crawl count a miss
board_failed(board_url, reason)  the board did not answer normally: nothing of it may be closed
posting_listed(posting_id)   the listing names this posting (its detail request may still fail)
posting_gone(posting_id)     the posting's own URL answered 404/410: it is closed at once
"""

board_completed = object()
board_failed = object()
posting_listed = object()
posting_gone = object()
