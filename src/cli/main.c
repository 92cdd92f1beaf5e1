/* main.c — STUB (being written). */
#include "vnplan.h"
#include <stdio.h>
int main(int argc, char **argv)
{
    (void)argc; (void)argv;
    fprintf(stderr, "vnplan: not yet\n");
    return 2;
}
