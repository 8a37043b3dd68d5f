/* SPDX-License-Identifier: MIT */
/*
 * uname26 COMMAND [ARGS...]: COMMAND with the kernel's release shown as
 * 2.6.x (personality(UNAME26), as setarch --uname-2.6 does), linked
 * statically so that it also runs in qbinfmt's image, which holds no C
 * library: how tests/image-errors.sh shows the image a kernel before
 * Linux 6.7.
 */
#include <stdio.h>
#include <sys/personality.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	if (argc < 2) {
		fputs("usage: uname26 COMMAND [ARGS...]\n", stderr);
		return 2;
	}
	if (personality(PER_LINUX | UNAME26) < 0) {
		perror("uname26: personality");
		return 1;
	}
	execv(argv[1], argv + 1);
	perror("uname26: execv");
	return 127;
}
