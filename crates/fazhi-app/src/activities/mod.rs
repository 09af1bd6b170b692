//! Activities of 法治建设 (issue 13, item 2): entered on a page or imported
//! from .xlsx, counted by the indicator catalogue like cases
//! (`fazhi_core::activity`).

pub mod import;
