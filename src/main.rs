fn main() -> std::process::ExitCode {
    aftercare::run(std::env::args_os())
}
