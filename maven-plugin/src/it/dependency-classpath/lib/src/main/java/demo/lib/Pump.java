package demo.lib;

/** A thread: run() is its body. */
public class Pump extends Thread {
  @Override
  public void run() {
    // pumps
  }
}
