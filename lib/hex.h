/* SPDX-License-Identifier: MIT */
#ifndef QBINFMT_HEX_H
#define QBINFMT_HEX_H

/* The value of a hex digit (either case), or -1: the kernel's hex_to_bin(). */
static inline int hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

#endif
