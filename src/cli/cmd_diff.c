/* cmd_diff.c — `vnplan diff` and `vnplan baselines` (being written). */
#include "cli.h"

int cmd_diff(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    cli_error(NULL, "diff: not implemented yet");
    return EXIT_TROUBLE;
}

int cmd_baselines(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    cli_error(NULL, "baselines: not implemented yet");
    return EXIT_TROUBLE;
}
