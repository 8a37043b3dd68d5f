#!/bin/sh
echo not an ELF program
