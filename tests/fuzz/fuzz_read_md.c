/* fuzz_read_md.c — the fuzz target of the md reader: any bytes read as
 * a Markdown file (md4c, the footnotes and callbacks of read_md.c), then through the whole pipeline.
 *
 * The first input byte chooses what is exercised, the rest is the file
 * (vn_fuzz_read_as in fuzz.h, shared by the HTML and Markdown harnesses).
 * Built with libFuzzer by tools/fuzz.sh (FUZZ_TARGET=fuzz_read_md make fuzz),
 * seeded with the .md documents of tests/fixtures/; the test suite runs it
 * over those documents cut, spliced and with bytes flipped
 * (tests/unit/test_fuzz_readers.c). */
#include "fuzz.h"

int vn_fuzz_read_md(const uint8_t *data, size_t size);
int vn_fuzz_read_md(const uint8_t *data, size_t size)
{
    return vn_fuzz_read_as(data, size, "fuzz.md", VNPLAN_INPUT_MD);
}

#ifndef VN_FUZZ_NO_ENTRY
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) { return vn_fuzz_read_md(data, size); }
#endif
