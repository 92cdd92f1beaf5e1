/* fuzz_read_odt.c — the fuzz target of the ODT reader: as fuzz_read_docx.c,
 * with every input read as an ODT.  Seeded with the .odt files of
 * tests/fixtures/formats/. */
#undef VN_FUZZ_INPUT
#undef VN_FUZZ_ONE
#define VN_FUZZ_INPUT VNPLAN_INPUT_ODT
#define VN_FUZZ_ONE vn_fuzz_odt_one
#include "fuzz_read_docx.c"
