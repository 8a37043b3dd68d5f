/* SPDX-License-Identifier: MIT */
/*
 * tiny: the cheapest program there is, exit_group(0) from _start.  The
 * benchmark installs it as qemu-TARGET-static in a bench-only folder, so
 * every chain ends in the same one-page exec.  No libc, no C at all.
 */
#if defined(__x86_64__)
__asm__(".globl _start\n"
	"_start:\n"
	"	mov $231, %eax\n" /* exit_group */
	"	xor %edi, %edi\n"
	"	syscall\n");
#elif defined(__aarch64__)
__asm__(".globl _start\n"
	"_start:\n"
	"	mov x8, #94\n" /* exit_group */
	"	mov x0, #0\n"
	"	svc #0\n");
#else
#error "tiny.c: no _start for this architecture (x86_64 and aarch64 only)"
#endif
