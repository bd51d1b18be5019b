//! `zhengce completions SHELL` and `zhengce man`: generated from the clap definitions.

use std::io::Write;

use clap::{Args, Command};

#[derive(Args, Debug)]
pub struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

/// Writes the completion script for `a.shell` to stdout
/// (`zhengce completions bash > ~/.local/share/bash-completion/completions/zhengce`).
pub fn completions(a: &CompletionsArgs, mut cmd: Command) -> anyhow::Result<i32> {
    let mut out = Vec::new();
    clap_complete::generate(a.shell, &mut cmd, "zhengce", &mut out);
    crate::cmd_query::print_out(&out)
}

/// Writes the man page (roff) to stdout (`zhengce man > zhengce.1`), with one
/// section per subcommand.
pub fn man(cmd: Command) -> anyhow::Result<i32> {
    let mut out = Vec::new();
    let cmd = cmd.version(env!("CARGO_PKG_VERSION"));
    let man = clap_mangen::Man::new(cmd.clone());
    man.render_title(&mut out)?;
    man.render_name_section(&mut out)?;
    man.render_synopsis_section(&mut out)?;
    man.render_description_section(&mut out)?;
    man.render_options_section(&mut out)?;
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        let name = sub.get_name();
        writeln!(out, ".SH \"ZHENGCE {}\"", name.to_uppercase())?;
        let full = format!("zhengce {name}");
        let sub = sub.clone().display_name(full.clone()).bin_name(full);
        let sub_man = clap_mangen::Man::new(sub);
        sub_man.render_synopsis_section(&mut out)?;
        sub_man.render_description_section(&mut out)?;
        sub_man.render_options_section(&mut out)?;
    }
    man.render_version_section(&mut out)?;
    crate::cmd_query::print_out(&out)
}
