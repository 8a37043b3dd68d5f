/* SPDX-License-Identifier: MIT */
/*
 * floor: the least a binfmt_misc interpreter can do, the benchmark's
 * floor.  No libc, no allocation, no checks beyond argc: from the
 * kernel's  NAME PATH ARGV0 ARGS...  it executes, as the launcher does,
 *
 *     FLOOR_QEMU -0 ARGV0 -- PATH ARGS...
 *
 * with the environment as it came, and exits 127 if that fails.
 */
#ifndef FLOOR_QEMU
#error "build with -DFLOOR_QEMU='\"/absolute/path\"'"
#endif

#define FLOOR_ARGC_MAX 64

__attribute__((noreturn, used)) void floor_main(long *stack);

#if defined(__x86_64__)
__asm__(".globl _start\n"
	"_start:\n"
	"	xor %ebp, %ebp\n"
	"	mov %rsp, %rdi\n"
	"	and $-16, %rsp\n"
	"	call floor_main\n");

static long sys_execve(const char *path, char *const *argv, char *const *envp)
{
	long ret;
	__asm__ volatile("syscall"
			 : "=a"(ret)
			 : "0"(59L), "D"(path), "S"(argv), "d"(envp)
			 : "rcx", "r11", "memory");
	return ret;
}

static __attribute__((noreturn)) void sys_exit(long status)
{
	__asm__ volatile("syscall" : : "a"(231L), "D"(status) : "rcx", "r11", "memory");
	__builtin_unreachable();
}
#elif defined(__aarch64__)
__asm__(".globl _start\n"
	"_start:\n"
	"	mov x0, sp\n"
	"	bl floor_main\n");

static long sys_execve(const char *path, char *const *argv, char *const *envp)
{
	register long x8 __asm__("x8") = 221;
	register long x0 __asm__("x0") = (long)path;
	register long x1 __asm__("x1") = (long)argv;
	register long x2 __asm__("x2") = (long)envp;
	__asm__ volatile("svc #0" : "+r"(x0) : "r"(x8), "r"(x1), "r"(x2) : "memory");
	return x0;
}

static __attribute__((noreturn)) void sys_exit(long status)
{
	register long x8 __asm__("x8") = 94;
	register long x0 __asm__("x0") = status;
	__asm__ volatile("svc #0" : : "r"(x8), "r"(x0) : "memory");
	__builtin_unreachable();
}
#else
#error "floor.c: no _start for this architecture (x86_64 and aarch64 only)"
#endif

void floor_main(long *stack)
{
	long argc = stack[0];
	char **argv = (char **)(stack + 1);
	char **envp = argv + argc + 1;
	char *new_argv[FLOOR_ARGC_MAX + 4];
	long n = 0;

	if (argc < 3 || argc > FLOOR_ARGC_MAX)
		sys_exit(2);
	new_argv[n++] = (char *)FLOOR_QEMU;
	new_argv[n++] = (char *)"-0";
	new_argv[n++] = argv[2];
	new_argv[n++] = (char *)"--";
	new_argv[n++] = argv[1];
	for (long i = 3; i < argc; i++)
		new_argv[n++] = argv[i];
	new_argv[n] = 0;
	sys_execve(FLOOR_QEMU, new_argv, envp);
	sys_exit(127);
}
