#!/usr/bin/env bash
# The browser tests (crates/zhengce-serve/tests/browser.rs) drive Debian's
# headless chromium through chromedriver; a CJK font (WenQuanYi Micro Hei,
# 5 MB) so their screenshots show Chinese rather than boxes.
set -euo pipefail
if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ] \
   || [ ! -e /usr/share/fonts/truetype/wqy/wqy-microhei.ttc ]; then
  apt-get update -qq && apt-get install -y -qq chromium chromium-driver fonts-wqy-microhei
fi
